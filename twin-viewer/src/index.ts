/** The twin viewer's surface for other packages: its build, which the gateway serves at /twin. */
export {
  ensureViewerBuilt,
  staleViewerBuild,
  ViewerBuildError,
  viewerDist,
  viewerTrustedDocumentsDir,
} from './build/viewer-build.ts';
