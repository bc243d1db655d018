// The ord routes the page reads, each written once as ord's router spells it (ord: src/subcommand/server.rs). The page
// builds its requests from these strings and the preview server (tools/server/routes.ts) routes by the same ones.
export const ROUTE = {
  content: '/content/{inscription_id}',
  preview: '/preview/{inscription_id}',
  blockheight: '/blockheight',
  rBlockheight: '/r/blockheight',
  rBlockinfo: '/r/blockinfo/{query}',
  rInscription: '/r/inscription/{inscription_id}',
  rMetadata: '/r/metadata/{inscription_id}',
  rChildrenPage: '/r/children/{inscription_id}/{page}',
} as const;

/** A route's path with its one parameter filled in. */
export const routePath = (route: string, value: string | number): string => route.replace(/\{\w+\}/, String(value));
