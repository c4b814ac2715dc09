// The shared corpus of public manifests, read at test time; suites that need it skip when it is not there.

export const CORPUS = process.env.ZT_AUDIT_CORPUS

export const SKIP_CORPUS = 'ZT_AUDIT_CORPUS is not set: set it to the shared corpus directory to run these cases'
