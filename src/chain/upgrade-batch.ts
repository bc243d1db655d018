// The `ord wallet batch` file that makes an upgrade permanent: one child of the token (ord's batch File and Entry,
// src/wallet/batch/file.rs and entry.rs: mode, parents, inscriptions with delegate: or file:). Only the token's holder
// can inscribe it: the reveal spends the parent. The page's U panel and `perceptrons upgrade` write the same text.
// Values are JSON strings (YAML reads them as double-quoted scalars).

/** The child's content: a delegate (a brain already inscribed, a body-less child) or a file holding the brain, named
 * as ord reads it: relative to the directory ord is run from. */
export type UpgradeContent = { delegate: string } | { file: string };

export function upgradeBatch(token: string, content: UpgradeContent): string {
  const entry = 'delegate' in content ? `- delegate: ${JSON.stringify(content.delegate)}` : `- file: ${JSON.stringify(content.file)}`;
  return ['mode: separate-outputs', 'parents:', `- ${JSON.stringify(token)}`, 'inscriptions:', entry].join('\n') + '\n';
}
