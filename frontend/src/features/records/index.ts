/** The records feature's public surface, used by the app layer only. */
export { LearnerRecordDownload } from './components/LearnerRecordDownload';
