import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal dialog on the native <dialog> element: focus moves in and is kept there, the page behind
 * is inert, Escape closes it, and focus returns to where it was.
 */
export function Modal({ title, children, onClose, wide, fullScreen, role = 'dialog' }: { title: ReactNode; children: ReactNode; onClose: () => void; wide?: boolean; fullScreen?: boolean; role?: 'dialog' | 'alertdialog' }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    const dialog = ref.current;
    const previous = document.activeElement as HTMLElement | null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      if (previous && document.contains(previous)) previous.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`app-dialog${wide ? ' app-dialog--wide' : ''}${fullScreen ? ' app-dialog--fullscreen' : ''}`}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-modal="true"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCloseRef.current();
      }}
    >
      <h2 className="govuk-heading-m" id={titleId}>
        {title}
      </h2>
      {children}
    </dialog>
  );
}
