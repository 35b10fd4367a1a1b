-- CreateTable
CREATE TABLE "MeterDaily" (
    "id" SERIAL NOT NULL,
    "buildingId" INTEGER NOT NULL,
    "meterCode" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "carrier" "EnergyCarrier" NOT NULL,
    "quantity" DOUBLE PRECISION NOT NULL,
    "unit" TEXT NOT NULL,
    "unitPrice" DECIMAL(10,4),
    "cost" DECIMAL(14,2),
    "source" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "syncedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "MeterDaily_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MeterDaily_buildingId_date_idx" ON "MeterDaily"("buildingId", "date");

-- CreateIndex
CREATE INDEX "MeterDaily_syncedAt_idx" ON "MeterDaily"("syncedAt");

-- CreateIndex
CREATE UNIQUE INDEX "MeterDaily_source_externalId_key" ON "MeterDaily"("source", "externalId");

-- AddForeignKey
ALTER TABLE "MeterDaily" ADD CONSTRAINT "MeterDaily_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
