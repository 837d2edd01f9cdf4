import { Link } from 'wouter';
import { MoreMenu, type MenuItem } from './MoreMenu';

interface Props {
  title: string;
  /** "not saved yet" or "v3". */
  versionLabel: string;
  dirty: boolean;
  validation: { pending: boolean; problems: number };
  readOnly: boolean;
  canUndo: boolean;
  canRedo: boolean;
  saving: boolean;
  canSave: boolean;
  /** Links to the workflow's other pages (absent for a workflow not saved yet). */
  runHref: string | null;
  showVersions: boolean | null;
  more: MenuItem[];
  onUndo(): void;
  onRedo(): void;
  onLayout(): void;
  onFit(): void;
  onToggleVersions(): void;
  onSave(): void;
}

/**
 * The editor's one-row toolbar: the name (shortened with an ellipsis before anything wraps), the
 * state, then the actions in groups; what is used less (export, trigger settings, copy) is under More.
 */
export function EditorToolbar(props: Props) {
  const { validation } = props;
  return (
    <div className="editor-toolbar" data-testid="editor-toolbar">
      <h1 className="editor-title" title={props.title}>
        {props.title}
      </h1>
      <span className="muted editor-state" data-testid="workflow-version">
        {props.versionLabel}
        {props.dirty ? ' · unsaved changes' : ''}
      </span>
      <span className="spacer" />
      <span className={validation.problems > 0 ? 'field-error editor-state' : 'muted editor-state'} data-testid="validation-summary">
        {validation.pending
          ? 'Checking…'
          : validation.problems > 0
            ? `${validation.problems} problem${validation.problems === 1 ? '' : 's'}`
            : 'Valid'}
      </span>
      {!props.readOnly && (
        <span className="button-group">
          <button onClick={props.onUndo} disabled={!props.canUndo} title="Undo (Ctrl+Z)">
            Undo
          </button>
          <button onClick={props.onRedo} disabled={!props.canRedo} title="Redo (Ctrl+Shift+Z)">
            Redo
          </button>
        </span>
      )}
      <span className="button-group">
        {!props.readOnly && (
          <button onClick={props.onLayout} title="Arrange the steps top to bottom">
            Auto-layout
          </button>
        )}
        <button onClick={props.onFit} title="Show the whole workflow, at a zoom where its text stays readable">
          Zoom to fit
        </button>
      </span>
      {props.showVersions !== null && <button onClick={props.onToggleVersions}>{props.showVersions ? 'Edit' : 'Versions'}</button>}
      <MoreMenu items={props.more} />
      {props.runHref && (
        <Link className="button" href={props.runHref}>
          Run
        </Link>
      )}
      {!props.readOnly && (
        <button className="primary" onClick={props.onSave} disabled={props.saving || !props.canSave}>
          {props.saving ? 'Saving…' : 'Save'}
        </button>
      )}
    </div>
  );
}
