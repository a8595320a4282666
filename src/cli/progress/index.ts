export { startLiveProgress, type LiveProgress, type LiveProgressOptions, type ProgressStream } from './start-live-progress.ts';
export { isProgressLine } from './render-progress-line.ts';
