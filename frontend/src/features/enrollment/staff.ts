/** The enrollment feature's staff pages, a separate door so learners never load them. */
export { BulkEnrolmentPage } from './pages/BulkEnrolmentPage';
