// The street of a registry address, one reading for every capability that groups buildings by it
// (mass incidents by street, lots placing buildings that have no land plot on record).

/**
 * The street of a registry address ("Navoiy ko'chasi, 12" → "navoiy ko'chasi"): the text before
 * the first house number, lower case, so two buildings of one street compare equal.
 */
export function streetOf(address: string): string | null {
  const head = (address.split(/\d/)[0] ?? '')
    .replace(/[\s,.;:№#-]+$/u, '')
    // A house marker before the number ("д.", "uy") is not part of the street.
    .replace(/[,\s]+\p{L}{1,3}$/u, '')
    .trim()
    .toLowerCase();
  return head.length >= 3 ? head : null;
}
