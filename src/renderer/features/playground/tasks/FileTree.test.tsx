import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FileTree } from './FileTree';
import { zipFiles } from './download';

const FILES = [
  { path: 'src/app.py', content: 'print("app")\n' },
  { path: 'src/util/strings.py', content: 'def upper(s): ...\n' },
  { path: 'README.md', content: '# Tool\n' },
];

describe('the result of a large task', () => {
  it('shows the files as a tree by folder and previews the file chosen', async () => {
    render(<FileTree files={FILES} />);
    const tree = screen.getByRole('tree', { name: 'Result files' });
    expect(within(tree).getByText('src/')).toBeTruthy();
    expect(within(tree).getByText('util/')).toBeTruthy();
    expect(screen.getByLabelText('File preview').textContent).toBe('print("app")\n');
    await userEvent.click(within(tree).getByRole('button', { name: 'strings.py' }));
    expect(screen.getByLabelText('File preview').textContent).toBe('def upper(s): ...\n');
    expect(screen.getByText('src/util/strings.py')).toBeTruthy();
  });

  it('zips every file under its own path', async () => {
    const blob = zipFiles(FILES);
    const bytes = await new Promise<ArrayBuffer>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.readAsArrayBuffer(blob);
    });
    const entries = unzipSync(new Uint8Array(bytes));
    expect(Object.keys(entries).sort()).toEqual(['README.md', 'src/app.py', 'src/util/strings.py']);
    expect(strFromU8(entries['src/util/strings.py'] ?? new Uint8Array())).toBe('def upper(s): ...\n');
  });
});
