// Acute-care hospitals of BC (public names), each an HDS organization with its own facility.

/** [name, city, health authority code] */
export const HOSPITALS: readonly (readonly [string, string, number])[] = [
  ['Vancouver General Hospital', 'Vancouver', 3], ["St. Paul's Hospital", 'Vancouver', 3], ["BC Children's Hospital", 'Vancouver', 3],
  ['Royal Columbian Hospital', 'New Westminster', 2], ['Surrey Memorial Hospital', 'Surrey', 2], ['Royal Jubilee Hospital', 'Victoria', 4],
  ['Kelowna General Hospital', 'Kelowna', 1], ['Royal Inland Hospital', 'Kamloops', 1], ['University Hospital of Northern British Columbia', 'Prince George', 5],
  ['Victoria General Hospital', 'Saanich', 4], ['Richmond Hospital', 'Richmond', 3], ['Burnaby Hospital', 'Burnaby', 2],
  ['Lions Gate Hospital', 'North Vancouver', 3], ['Abbotsford Regional Hospital', 'Abbotsford', 2], ['Nanaimo Regional General Hospital', 'Nanaimo', 4],
  ['Langley Memorial Hospital', 'Langley', 2], ['Chilliwack General Hospital', 'Chilliwack', 2], ['Eagle Ridge Hospital', 'Port Moody', 2],
  ['Ridge Meadows Hospital', 'Maple Ridge', 2], ['Peace Arch Hospital', 'White Rock', 2], ['Delta Hospital', 'Delta', 2],
  ['Vernon Jubilee Hospital', 'Vernon', 1], ['Penticton Regional Hospital', 'Penticton', 1], ['East Kootenay Regional Hospital', 'Cranbrook', 1],
  ['Kootenay Boundary Regional Hospital', 'Trail', 1], ['Kootenay Lake Hospital', 'Nelson', 1], ['Shuswap Lake General Hospital', 'Salmon Arm', 1],
  ['Cariboo Memorial Hospital', 'Williams Lake', 1], ['G.R. Baker Memorial Hospital', 'Quesnel', 5], ['Mills Memorial Hospital', 'Terrace', 5],
  ['Prince Rupert Regional Hospital', 'Prince Rupert', 5], ['Fort St. John Hospital', 'Fort St. John', 5], ['Dawson Creek and District Hospital', 'Dawson Creek', 5],
  ['Cowichan District Hospital', 'Duncan', 4], ['West Coast General Hospital', 'Port Alberni', 4], ['North Island Hospital Comox Valley', 'Courtenay', 4],
  ['North Island Hospital Campbell River', 'Campbell River', 4], ['Saanich Peninsula Hospital', 'Central Saanich', 4], ['Mission Memorial Hospital', 'Mission', 2],
  ['Squamish General Hospital', 'Squamish', 3], ['qathet General Hospital', 'Powell River', 3], ['Fraser Canyon Hospital', 'Hope', 2],
];
