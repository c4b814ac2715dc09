import FrameworksList from './list.js'

/** `zt-audit frameworks` is `zt-audit frameworks list`. */
export default class Frameworks extends FrameworksList {
  static override description = 'List the compliance frameworks (same as `frameworks list`); `frameworks show ID` lists one\'s controls'
}
