import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../database/prisma-client.ts';
import { AssetStatus, TransferStatus } from '../generated/prisma/enums.ts';
import { contentHash, HUB_SOURCE } from './row-identity.ts';
import { InvalidInputError, NotFoundError } from './domain-errors.ts';

/**
 * 公物仓 reallocation (调剂): someone asks for an asset to move to another agency; an administrator
 * decides. Approval moves the asset to its new holder in the same transaction, so the ledger and the
 * transfer record never disagree (账实相符).
 */
export async function requestAssetTransfer(
  prisma: PrismaClient,
  input: { assetId: number; toAgencyCode: string; reason: string | null },
  actor: string,
) {
  const asset = await prisma.asset.findFirst({ where: { id: input.assetId, deletedAt: null } });
  if (!asset) throw new NotFoundError(`no asset ${input.assetId}`, { assetId: input.assetId });
  if (asset.status === AssetStatus.DISPOSED) {
    throw new InvalidInputError(`asset ${asset.tag} is disposed and cannot be transferred`, 'asset');
  }
  const toAgency = await prisma.agency.findFirst({ where: { code: input.toAgencyCode, deletedAt: null } });
  if (!toAgency)
    throw new NotFoundError(`no agency with code "${input.toAgencyCode}"`, { agency: input.toAgencyCode });
  if (toAgency.id === asset.holderAgencyId) {
    throw new InvalidInputError(`asset ${asset.tag} is already held by ${toAgency.code}`, 'toAgency');
  }
  const externalId = randomUUID();
  const fields = {
    assetId: asset.id,
    fromAgencyId: asset.holderAgencyId,
    toAgencyId: toAgency.id,
    reason: input.reason,
    requestedAt: new Date(),
    requestedBy: actor,
  };
  return prisma.assetTransfer.create({
    data: {
      ...fields,
      source: HUB_SOURCE,
      externalId,
      contentHash: contentHash(fields),
    },
  });
}

export async function decideAssetTransfer(
  prisma: PrismaClient,
  input: { transferId: number; approve: boolean; note: string | null },
  actor: string,
) {
  return prisma.$transaction(async (tx) => {
    const decided = await tx.assetTransfer.updateMany({
      where: { id: input.transferId, deletedAt: null, status: TransferStatus.REQUESTED },
      data: {
        status: input.approve ? TransferStatus.APPROVED : TransferStatus.REJECTED,
        decidedAt: new Date(),
        decidedBy: actor,
        decisionNote: input.note,
      },
    });
    const transfer = await tx.assetTransfer.findFirst({ where: { id: input.transferId, deletedAt: null } });
    if (!transfer)
      throw new NotFoundError(`no asset transfer ${input.transferId}`, { transferId: input.transferId });
    if (decided.count === 0) {
      throw new InvalidInputError(`transfer ${transfer.id} was already ${transfer.status}`, 'transfer');
    }
    if (input.approve) {
      await tx.asset.update({
        where: { id: transfer.assetId },
        data: { holderAgencyId: transfer.toAgencyId, status: AssetStatus.IN_USE },
      });
    }
    return transfer;
  });
}
