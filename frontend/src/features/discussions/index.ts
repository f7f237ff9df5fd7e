/** The discussions feature's public surface, used by the app layer only. */
export { DiscussionListPage } from './pages/DiscussionListPage';
export { ModerationPage } from './pages/ModerationPage';
export { MutesPage } from './pages/MutesPage';
export { ThreadPage } from './pages/ThreadPage';
export { WordFilterPage } from './pages/WordFilterPage';
