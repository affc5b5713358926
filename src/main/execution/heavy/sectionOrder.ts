/**
 * The sections of a large source file in the order a reader of that language expects them. Each is
 * generated with the earlier ones as context, so a section only refers to what is above it.
 */
const ORDERS: Record<string, readonly string[]> = {
  python: ['imports', 'constants', 'types', 'utilities', 'classes', 'functions', 'main'],
  typescript: ['imports', 'types', 'constants', 'helpers', 'classes', 'functions', 'exports'],
  javascript: ['imports', 'constants', 'helpers', 'classes', 'functions', 'exports'],
  go: ['package and imports', 'constants', 'types', 'helpers', 'methods', 'functions', 'main'],
  rust: ['use declarations', 'constants', 'types', 'traits', 'implementations', 'functions', 'tests'],
  java: ['package and imports', 'constants', 'fields', 'constructors', 'methods', 'nested types'],
};

const ALIASES: Record<string, string> = {
  py: 'python',
  ts: 'typescript',
  tsx: 'typescript',
  js: 'javascript',
  rs: 'rust',
};

const GENERIC = ['imports', 'declarations', 'helpers', 'core logic', 'entry point'];

/** Lowercased canonical language name (`ts` → `typescript`), or null when none was given. */
export function canonicalLanguage(language: string | undefined): string | null {
  if (!language) return null;
  const l = language.trim().toLowerCase();
  return ALIASES[l] ?? l;
}

export function sectionOrder(language: string | undefined): readonly string[] {
  const l = canonicalLanguage(language);
  return (l && ORDERS[l]) || GENERIC;
}

const EXTENSIONS: Record<string, string> = {
  python: 'py',
  typescript: 'ts',
  javascript: 'js',
  go: 'go',
  rust: 'rs',
  java: 'java',
};

/** The file a generated result is saved as when the step names none. */
export function defaultFileName(language: string | undefined): string {
  const l = canonicalLanguage(language);
  return `generated.${(l && EXTENSIONS[l]) || 'txt'}`;
}
