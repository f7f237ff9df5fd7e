/** The events feature's public surface, used by the app layer only. */
export { MyEventCredentials } from './components/MyEventCredentials';
export { EditEventPage } from './pages/EditEventPage';
export { EventPage } from './pages/EventPage';
export { EventsPage } from './pages/EventsPage';
export { StaffEventsPage } from './pages/StaffEventsPage';
