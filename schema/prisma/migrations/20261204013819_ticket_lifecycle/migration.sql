-- CreateEnum
CREATE TYPE "TicketState" AS ENUM ('RECEIVED', 'DISPATCHED', 'SIGNED', 'HANDLING', 'CLOSED', 'CALLED_BACK', 'EVALUATED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "TicketAction" AS ENUM ('RECEIVE', 'DISPATCH', 'RETURN', 'DESIGNATE', 'SIGN', 'HANDLE', 'EXTEND', 'REMIND', 'SUPERVISE', 'CLOSE', 'CALL_BACK', 'REHANDLE', 'EVALUATE', 'ARCHIVE');

-- CreateEnum
CREATE TYPE "TicketChannel" AS ENUM ('PHONE', 'WEB', 'APP', 'IOT_ALARM');

-- CreateEnum
CREATE TYPE "TicketKind" AS ENUM ('CONSULT', 'HELP', 'COMPLAINT', 'REPORT', 'SUGGESTION', 'PRAISE');

-- CreateEnum
CREATE TYPE "TicketUrgency" AS ENUM ('NORMAL', 'URGENT', 'EXTRA_URGENT');

-- CreateTable
CREATE TABLE "Ticket" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "state" "TicketState" NOT NULL DEFAULT 'RECEIVED',
    "channel" "TicketChannel" NOT NULL,
    "kind" "TicketKind" NOT NULL,
    "urgency" "TicketUrgency" NOT NULL DEFAULT 'NORMAL',
    "categoryCode" TEXT,
    "content" TEXT NOT NULL,
    "requesterName" TEXT,
    "requesterPhone" TEXT,
    "requesterUnit" TEXT,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "buildingId" INTEGER,
    "floorId" INTEGER,
    "roomId" INTEGER,
    "addressText" TEXT,
    "handlingUnit" TEXT,
    "handler" TEXT,
    "dispatchCount" INTEGER NOT NULL DEFAULT 0,
    "returnCount" INTEGER NOT NULL DEFAULT 0,
    "designated" BOOLEAN NOT NULL DEFAULT false,
    "rehandleCount" INTEGER NOT NULL DEFAULT 0,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "receivedBy" TEXT NOT NULL,
    "dispatchedAt" TIMESTAMPTZ(3),
    "signedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "calledBackAt" TIMESTAMPTZ(3),
    "evaluatedAt" TIMESTAMPTZ(3),
    "archivedAt" TIMESTAMPTZ(3),
    "signDueAt" TIMESTAMPTZ(3),
    "closeDueAt" TIMESTAMPTZ(3),
    "callBackDueAt" TIMESTAMPTZ(3),
    "result" TEXT,
    "replyMethod" TEXT,
    "solved" BOOLEAN,
    "satisfied" BOOLEAN,
    "evaluation" INTEGER,
    "alertId" INTEGER,
    "assetId" INTEGER,
    "vehicleId" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Ticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketTransition" (
    "id" SERIAL NOT NULL,
    "ticketId" INTEGER NOT NULL,
    "action" "TicketAction" NOT NULL,
    "fromState" "TicketState",
    "toState" "TicketState" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actor" TEXT NOT NULL,
    "note" TEXT,
    "details" JSONB,

    CONSTRAINT "TicketTransition_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_number_key" ON "Ticket"("number");

-- CreateIndex
CREATE INDEX "Ticket_state_urgency_idx" ON "Ticket"("state", "urgency");

-- CreateIndex
CREATE INDEX "Ticket_handlingUnit_state_idx" ON "Ticket"("handlingUnit", "state");

-- CreateIndex
CREATE INDEX "Ticket_buildingId_state_idx" ON "Ticket"("buildingId", "state");

-- CreateIndex
CREATE INDEX "Ticket_alertId_idx" ON "Ticket"("alertId");

-- CreateIndex
CREATE INDEX "TicketTransition_ticketId_at_idx" ON "TicketTransition"("ticketId", "at");

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_floorId_fkey" FOREIGN KEY ("floorId") REFERENCES "Floor"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_vehicleId_fkey" FOREIGN KEY ("vehicleId") REFERENCES "Vehicle"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketTransition" ADD CONSTRAINT "TicketTransition_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
