/** The course editor's door, separate so that its editor libraries load only with the editor route. */
export { CourseEditorPage } from './pages/CourseEditorPage';
