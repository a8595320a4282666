export { startLiveProgress, type LiveProgress, type LiveProgressOptions, type ProgressStream, type SignalSource } from './start-live-progress.ts';
export { isProgressLine } from './render-plain-progress-lines.ts';
