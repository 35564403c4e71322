import { useEffect, useRef } from 'react';

/** How long changes may stay unsaved before the draft saves itself (issue 22: nobody loses work). */
export const AUTOSAVE_AFTER_MS = 2 * 60 * 1000;

/**
 * Saves the draft two minutes after the first change that is not saved yet (not two minutes after the
 * last keystroke: someone typing steadily must not go unsaved for an hour). `generation` changes
 * after every save, so changes made during a save start a new two minutes. Nothing runs while
 * `paused` (a conflict or a submission in progress): those need a person's decision.
 */
export function useAutosave(dirty: boolean, generation: number, paused: boolean, save: () => Promise<unknown>): void {
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    if (!dirty || paused) return;
    const timer = window.setTimeout(() => {
      // Failures are shown by save() itself (error summary or conflict banner).
      saveRef.current().catch(() => undefined);
    }, AUTOSAVE_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [dirty, generation, paused]);
}
