/**
 * Imported first by the bench's entry: immer (and any library that reads NODE_ENV) loads its production
 * build, as a deployed service would, for licheng and Emmett alike. Child processes inherit it.
 */
process.env.NODE_ENV = 'production';
