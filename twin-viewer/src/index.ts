/** The twin viewer's surface for other packages: building it for the gateway to serve at /twin. */
export { buildViewer, trustedDocumentsManifest, viewerDist } from './build-viewer.ts';
