import { Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { BlobStore, openBlobStore } from '@app/blob-store';
import { AppConfig, APP_CONFIG } from '@app/platform';
import { ComplaintsModule } from '../complaints/complaints.module';
import { EvidenceController } from './evidence.controller';
import { BLOB_STORE, EvidenceService } from './evidence.service';
import { NoVirusScanner, VIRUS_SCANNER } from './virus-scanner';

/** Evidence files: the blob store (a directory under DATA_DIR, or S3), the virus-scanner hook, the endpoints. */
@Module({
  // The attach command runs through the complaints' own ComplaintCommandService, as every complaint command does.
  imports: [ComplaintsModule],
  controllers: [EvidenceController],
  providers: [
    {
      provide: BLOB_STORE,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const blobs = await openBlobStore(config.evidence.blobStore, config.dataDir);
        new Logger('Evidence').log(`Evidence files are kept in ${blobs.location}`);
        return blobs;
      },
    },
    { provide: VIRUS_SCANNER, useClass: NoVirusScanner },
    EvidenceService,
  ],
})
export class EvidenceModule implements OnApplicationShutdown {
  constructor(@Inject(BLOB_STORE) private readonly blobs: BlobStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.blobs.close();
  }
}
