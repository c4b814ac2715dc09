// Copies what the built code reads at run time into dist/, mirroring the source tree: the templates folder
// whole (page script, styles, fonts), and the data files beside the rules (catalogs, version data, default
// roles). Rule sources and fixtures stay behind; tsc has compiled the rules already.
import {cpSync, existsSync} from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const dist = path.join(root, 'dist')
const isRuleData = (file) => /\.(ya?ml|json|md)$/.test(file)

const copies = [
  {folder: 'templates', keep: () => true},
  {folder: 'rules', keep: (source) => !source.split(path.sep).includes('fixtures') && (!path.extname(source) || isRuleData(source))},
]
for (const {folder, keep} of copies) {
  const from = path.join(root, folder)
  if (!existsSync(from)) continue
  cpSync(from, path.join(dist, folder), {recursive: true, filter: (source) => source === from || keep(source)})
}
