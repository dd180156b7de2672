/**
 * Public surface of the lessons and quiz UI for the shell, presenter and embed modes:
 * - `LessonsDock` (mount once in the shell's main row) or `TeachingPanel` (tabs, for a custom place);
 * - `useTeachingUi().setOpen(true)` opens the dock;
 * - `lessonRunner()` → `start(id)`, `next()`, `prev()`, `goTo(id, step)` (0-based), `exit()`;
 *   `useLessons` holds `{ position, waiting, reached, progress }` (subscribe for "step reached");
 * - `useQuiz` holds the quiz (`answers` grows when a question is answered; `answerMode` lists the
 *   component ids that answer the open question when clicked on the diagram).
 */
export { LessonsDock, useTeachingUi } from './LessonsDock';
export { TeachingPanel } from './TeachingPanel';
export { LessonsPanel } from './LessonsPanel';
export { QuizPanel } from './QuizPanel';
export { lessonRunner, useLessons, useQuiz } from './lessonController';
export { LESSONS } from '../../lessons/lessons';
