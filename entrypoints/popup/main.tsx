// Popup entrypoint: mounts the restrict view.
import { render } from 'preact';

render(<p>PyPI Token Restrictor</p>, document.getElementById('app') as HTMLElement);
