/** The twin viewer's surface for other packages: building it for the gateway to serve at /twin. */
export { buildViewer, viewerDist, viewerTrustedDocumentsDir } from './build-viewer.ts';
export { trustedDocumentsManifest } from './trusted-documents.ts';
