/** The seats feature's pages for employers' administrators, a separate door learners never load. */
export { EmployerSeatsPage } from './pages/EmployerSeatsPage';
