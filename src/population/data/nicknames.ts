// Common nicknames for formal given names (used as usual names, nickname entries and duplicate variants).

const ROWS: readonly [string, string][] = [
  ['William', 'Bill|Will|Liam'], ['Robert', 'Bob|Rob|Bobby'], ['Elizabeth', 'Liz|Beth|Betty'],
  ['Katherine', 'Kate|Katie|Kathy'], ['Catherine', 'Cathy|Cate'], ['Michael', 'Mike|Mikey'],
  ['Jennifer', 'Jen|Jenny'], ['Christopher', 'Chris'], ['Margaret', 'Maggie|Peggy|Marg'],
  ['James', 'Jim|Jamie|Jimmy'], ['Richard', 'Rick|Rich|Dick'], ['Joseph', 'Joe|Joey'],
  ['Thomas', 'Tom|Tommy'], ['Daniel', 'Dan|Danny'], ['Matthew', 'Matt'], ['Anthony', 'Tony'],
  ['Alexander', 'Alex|Sandy'], ['Jonathan', 'Jon'], ['Nicholas', 'Nick'], ['Patricia', 'Pat|Trish|Patty'],
  ['Rebecca', 'Becky|Becca'], ['Samantha', 'Sam'], ['Victoria', 'Tori|Vicky'], ['Jessica', 'Jess'],
  ['Stephanie', 'Steph'], ['Deborah', 'Deb|Debbie'], ['Susan', 'Sue|Suzy'], ['Barbara', 'Barb'],
  ['Andrew', 'Andy|Drew'], ['Benjamin', 'Ben'], ['Edward', 'Ed|Ted|Eddie'], ['Gregory', 'Greg'],
  ['Kenneth', 'Ken|Kenny'], ['Ronald', 'Ron|Ronnie'], ['Steven', 'Steve'], ['Stephen', 'Steve'],
  ['Timothy', 'Tim'], ['Jacqueline', 'Jackie'], ['Christine', 'Chris|Chrissy'], ['Christina', 'Tina'],
  ['Kimberly', 'Kim'], ['Pamela', 'Pam'], ['Cynthia', 'Cindy'], ['Sandra', 'Sandy'], ['Dorothy', 'Dot|Dottie'],
  ['Donald', 'Don|Donny'], ['Douglas', 'Doug'], ['Lawrence', 'Larry'], ['Gerald', 'Gerry'],
  ['Raymond', 'Ray'], ['Samuel', 'Sam'], ['Zachary', 'Zach'], ['Nathan', 'Nate'], ['Frederick', 'Fred'],
  ['Harold', 'Harry|Hal'], ['Walter', 'Walt'], ['Abigail', 'Abby'], ['Madison', 'Maddy'],
  ['Kathleen', 'Kathy|Kate'], ['Theresa', 'Terry|Tess'], ['Teresa', 'Terry|Tess'], ['Judith', 'Judy'],
  ['Gurpreet', 'Preet|Gary'], ['Harpreet', 'Harry|Preet'], ['Jaspreet', 'Jas'], ['Manpreet', 'Manny'],
  ['Sukhwinder', 'Sukhi'], ['Rajinder', 'Raj'], ['Baljit', 'Bal'], ['Kulwinder', 'Kully'],
  ['Amarjit', 'Amar'], ['Paramjit', 'Pam'], ['Jaswinder', 'Jas'], ['Navdeep', 'Nav'], ['Sandeep', 'Sandy'],
  ['Jean-François', 'JF'], ['Marc-André', 'Marc'], ['Marie-Ève', 'Marie'], ['Guillaume', 'Will'],
  ['Alejandro', 'Alex'], ['Francisco', 'Paco'], ['José', 'Pepe'], ['Eduardo', 'Eddie'],
  ['Mohammad', 'Mo'], ['Mohammed', 'Mo'], ['Ibrahim', 'Abe'], ['Dariush', 'Dar'], ['Oleksandr', 'Sasha'],
  ['Konstantinos', 'Gus|Kostas'], ['Giuseppe', 'Joe|Pino'], ['Reynaldo', 'Rey|Jun'], ['Rogelio', 'Jun'],
];

/** Formal given name -> nicknames. */
export const NICKNAMES: ReadonlyMap<string, readonly string[]> = new Map(ROWS.map(([name, nicks]) => [name, nicks.split('|')]));

/** English given names people adopt as their declared name. */
export const ADOPTED_ENGLISH_NAMES = {
  male: ['Kevin', 'Eric', 'Jason', 'Michael', 'David', 'Vincent', 'Raymond', 'Alan', 'Tony', 'Henry', 'Peter', 'Andy', 'Jimmy', 'Danny', 'Ken'],
  female: ['Grace', 'Jenny', 'Amy', 'Cindy', 'Helen', 'Irene', 'Vivian', 'Winnie', 'Joyce', 'Karen', 'Stella', 'Annie', 'Lily', 'Christy', 'Fiona'],
} as const;
