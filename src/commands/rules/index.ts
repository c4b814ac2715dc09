import RulesList from './list.js'

/** `zt-audit rules` is `zt-audit rules list`. */
export default class Rules extends RulesList {
  static override description = 'List every rule (same as `rules list`); `rules show ID` documents one'
}
