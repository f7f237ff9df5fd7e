/** The seats feature's public surface for learners, used by the app layer only. */
export { SeatConsentCard } from './components/SeatConsentCard';
