// What other capabilities may use of the registry's rules besides its shared base (types.ts):
// - the quarterly reports name each work line's element or system by the registry's own list.
export { BUILDING_ELEMENTS, type BuildingElement, isBuildingElement } from './assessment.ts';
