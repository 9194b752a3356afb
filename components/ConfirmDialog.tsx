import { useEffect, useRef } from 'preact/hooks';

export interface ConfirmDialogProps {
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal confirmation (native <dialog>: focus stays inside, Esc cancels). */
export function ConfirmDialog({ message, confirmLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
    }
  }, []);
  return (
    <dialog
      ref={ref}
      class="vb-theme vb-dialog"
      aria-labelledby="vb-confirm-text"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <p id="vb-confirm-text">{message}</p>
      <div class="vb-dialog-actions">
        <button type="button" id="vb-cancel" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" id="vb-confirm" class="vb-danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
