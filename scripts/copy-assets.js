// Copies what the built code reads at run time into dist/, mirroring the source tree: templates and fonts,
// and the data files beside the rules (catalogs, version data, default roles). Rule fixtures stay behind.
import {cpSync, existsSync} from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const dist = path.join(root, 'dist')
const isData = (file) => /\.(ya?ml|json|md|hbs|css|ttf|otf|txt)$/.test(file) || !path.extname(file)

for (const folder of ['templates', 'rules']) {
  const from = path.join(root, folder)
  if (!existsSync(from)) continue
  cpSync(from, path.join(dist, folder), {
    recursive: true,
    filter: (source) => !source.split(path.sep).includes('fixtures') && (source === from || isData(source)),
  })
}
