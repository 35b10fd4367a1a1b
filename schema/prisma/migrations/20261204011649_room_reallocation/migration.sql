-- CreateEnum
CREATE TYPE "RoomReallocationKind" AS ENUM ('GIVE_BACK', 'ASSIGN');

-- CreateTable
CREATE TABLE "RoomReallocation" (
    "id" SERIAL NOT NULL,
    "kind" "RoomReallocationKind" NOT NULL,
    "roomId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "status" "TransferStatus" NOT NULL DEFAULT 'REQUESTED',
    "reason" TEXT,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "decidedAt" TIMESTAMPTZ(3),
    "decidedBy" TEXT,
    "decisionNote" TEXT,

    CONSTRAINT "RoomReallocation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RoomReallocation_roomId_status_idx" ON "RoomReallocation"("roomId", "status");

-- AddForeignKey
ALTER TABLE "RoomReallocation" ADD CONSTRAINT "RoomReallocation_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoomReallocation" ADD CONSTRAINT "RoomReallocation_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
