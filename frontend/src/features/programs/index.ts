/** The programs feature's public surface, used by the app layer only. */
export { ProgramsSection } from './components/ProgramsSection';
export { ProgramPage } from './pages/ProgramPage';
