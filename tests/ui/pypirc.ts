// .pypirc text read back as Python's configparser reads the layout the copy formats write, for the
// unit tests and the real-uploader suite. Never quotes a line: one may hold a token.

/** Section -> key -> value; a line indented deeper than its key continues the value (on a new line). */
export function readPypirc(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let section: Map<string, string> | undefined;
  let key: string | undefined;
  let indent = 0;
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const depth = line.length - line.trimStart().length;
    if (section && key !== undefined && depth > indent) {
      section.set(key, `${section.get(key)}\n${line.trim()}`);
      return;
    }
    indent = depth;
    const header = /^\[(.+)\]$/.exec(line.trim());
    if (header?.[1]) {
      // configparser refuses a repeated section (DuplicateSectionError).
      if (sections.has(header[1])) throw new Error(`line ${i + 1}: a repeated section`);
      section = new Map();
      sections.set(header[1], section);
      key = undefined;
      return;
    }
    const option = /^([^=]+?)\s*=\s*(.*)$/.exec(line.trim());
    if (!section || !option?.[1]) throw new Error(`line ${i + 1}: not a section or an option`);
    key = option[1];
    section.set(key, option[2] ?? '');
  });
  return sections;
}

/** The sections `[distutils] index-servers` lists, in order. */
export const indexServers = (p: Map<string, Map<string, string>>): string[] =>
  (p.get('distutils')?.get('index-servers') ?? '').split(/\s+/).filter(Boolean);
