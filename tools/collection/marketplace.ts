// The file marketplaces take a collection's items in: each inscription ID with a name and its attributes
// ([{ "id", "meta": { "name", "attributes": [{ "trait_type", "value" }] } }]), written beside the gallery batches from
// the same titles and traits, once every token's real ID is known.
import type { GalleryItem } from './properties';

export function marketplaceFile(items: GalleryItem[]): string {
  const list = items.map((g) => ({
    id: g.id,
    meta: { name: g.title ?? g.id, attributes: (g.traits ?? []).map(([trait_type, value]) => ({ trait_type, value })) },
  }));
  return JSON.stringify(list, null, 1) + '\n';
}
