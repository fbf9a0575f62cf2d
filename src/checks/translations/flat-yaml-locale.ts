// A FlatYamlDocument turned into a locale's flat keys, exactly as flattenInto turns a tree.
import { FlatYamlTree } from './flat-yaml.js';
import { addKey, type FlatLocale, flattenInto } from './flatten.js';

/** Adds the leaves of a locale's tree to `into`, as flattenInto does; a FlatYamlTree is read without a tree. */
export function flattenLocaleTree(into: FlatLocale, tree: unknown, prefix: string, collectPlurals: boolean): void {
  if (!(tree instanceof FlatYamlTree)) {
    flattenInto(into, tree, prefix, collectPlurals);
    return;
  }
  const { document, root } = tree;
  const onlyRoot = root !== -1 && document.rootKeys.length === 1;
  if (onlyRoot && prefix === '' && !document.dotted[root] && into.texts.length === 0) {
    // The usual Rails file (`en:`, no dotted keys): its arrays are the locale's as they are, not copied.
    into.parents = document.paths;
    into.leaves = document.keys;
    into.texts = document.texts;
  } else if (root === -1) {
    for (const [index] of document.rootKeys.entries()) addLeaves(into, tree, index, prefix);
  } else {
    addLeaves(into, tree, root, prefix);
  }
  if (!collectPlurals) return;
  for (const plural of document.plurals) {
    if (root !== -1 && plural.root !== root) continue;
    const base = prefix + (root === -1 ? document.fullPath(plural.root, plural.path) : plural.path);
    if (base) into.plurals.set(base, { joiner: '.', ordinal: false });
  }
}

/** The leaves under one root key; their paths from the document root when `tree` is the whole document. */
function addLeaves(into: FlatLocale, tree: FlatYamlTree, index: number, prefix: string): void {
  const { document } = tree;
  const end = document.rootStarts[index + 1] ?? document.texts.length;
  let path: string | undefined;
  let parent = '';
  for (let leaf = document.rootStarts[index]!; leaf < end; leaf++) {
    const key = document.keys[leaf]!;
    const text = document.texts[leaf]!;
    if (document.paths[leaf] !== path) {
      path = document.paths[leaf]!;
      const relative = tree.root === -1 ? document.fullPath(index, path) : path;
      parent = relative === '' ? '' : prefix + relative;
    }
    if (parent === '') addKey(into, prefix + key, text);
    else if (key.includes('.')) addKey(into, `${parent}.${key}`, text);
    else {
      into.parents.push(parent);
      into.leaves.push(key);
      into.texts.push(text);
    }
  }
}
