// Street names and kinds for synthetic BC civic addresses.

export const STREET_NAMES: readonly string[] = (
  'Main|Oak|Maple|Cedar|Pine|Fir|Spruce|Arbutus|Alder|Birch|Willow|Cherry|Dogwood|Hemlock|Laurel|Granville|Cambie|Fraser|Victoria|Commercial|Kingsway|Hastings|Broadway|Marine|Lonsdale|Douglas|Fort|Yates|Johnson|Pandora|Quadra|Shelbourne|Bernard|Harvey|Pandosy|Glenmore|Columbia|Lorne|Seymour|Burrard|Howe|Richards|Homer|Hamilton|Nelson|Davie|Denman|Robson|Pender|Cordova|Powell|Prior|Union|Keefer|Clark|Nanaimo|Renfrew|Rupert|Boundary|Gilmore|Willingdon|Royal Oak|Edmonds|Canada Way|Lougheed|Austin|Como Lake|Guildford|King George|Scott|Fraser Highway|Pacific|Mountain View|Lakeshore|Riverside|Park|Hillside|Ridge|Bay|Harbour|Sunset|Forest|Meadow|Valley|Mountain|Crescent|Lakeview|Summit|Garden|Orchard|Highland|Church|Queen|King|Prince|Elm|Aspen|Poplar|Juniper|Larch'
).split('|');

export const STREET_KINDS: readonly string[] = ['St', 'Ave', 'Rd', 'Dr', 'Blvd', 'Cres', 'Way', 'Pl', 'Crt', 'Lane'];

/** Numbered avenues and streets are the norm in the Fraser Valley and many interior towns. */
export const NUMBERED_SUFFIX: readonly string[] = ['St', 'Ave'];
