/** The discussions feature's public surface, used by the app layer only. */
export { DiscussionListPage } from './pages/DiscussionListPage';
export { ModerationPage } from './pages/ModerationPage';
export { ThreadPage } from './pages/ThreadPage';
