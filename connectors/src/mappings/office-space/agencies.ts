import { RecordRejectedError } from '@district-hub/schema';
import type { EntityMapping, MappedEntity } from '../../writer/mapping-types.ts';
import { checkUpdatedAt, idOf, oneOf, optionalText, text } from '../field-readers.ts';
import { parseInteger } from '../../normalize/quantity.ts';
import { ADMIN_LEVEL, GBT12407_TO_HUB_RANK } from './ranks.ts';

/**
 * Office space `agencies` → Agency keyed by 统一社会信用代码 (also `Agency.code`, which the other
 * sources' references resolve against), plus its staffing as AgencyHeadcount rows by hub rank.
 */
export const officeSpaceAgencies: EntityMapping = {
  entity: 'Agency',
  description: 'office-space agencies → Agency + AgencyHeadcount',
  externalIdOf: (r) => idOf(r, 'creditCode'),
  map(record, context) {
    const code = text(record, 'creditCode');
    checkUpdatedAt(record, 'updatedAt', context.timeZone);
    const parent = optionalText(record, 'parentCreditCode');
    const agency: MappedEntity = {
      externalId: code,
      fields: {
        code,
        name: text(record, 'name'),
        shortName: optionalText(record, 'shortName'),
        adminLevel: oneOf(record, 'adminLevel', ADMIN_LEVEL),
      },
      refs: { parentId: parent ? { entity: 'Agency', externalId: parent, optional: true } : null },
    };
    const staffing = Array.isArray(record.staffing) ? (record.staffing as Record<string, unknown>[]) : [];
    const byRank = new Map<string, number>();
    for (const row of staffing) {
      const rank = GBT12407_TO_HUB_RANK[String(row.rankCode ?? '').trim()];
      if (!rank)
        throw new RecordRejectedError(
          `staffing: rank code "${String(row.rankCode)}" is not a GB/T 12407 code we know`,
        );
      const count = parseInteger(row.count, { field: `staffing[${String(row.rankCode)}].count` }) as number;
      byRank.set(rank, (byRank.get(rank) ?? 0) + count);
    }
    const headcounts: MappedEntity[] = [...byRank].map(([rank, count]) => ({
      entity: 'AgencyHeadcount',
      fields: { rank, count },
      refs: { agencyId: { entity: 'Agency', externalId: code } },
    }));
    return [agency, ...headcounts];
  },
};
