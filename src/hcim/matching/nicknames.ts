// Given-name equivalence groups (nicknames and short forms) the matcher treats as the same name.

/** Each row: the canonical name first, then its common nicknames and variants. */
const GROUPS: readonly string[] = [
  'ROBERT BOB BOBBY ROB ROBBIE BERT',
  'WILLIAM BILL BILLY WILL WILLIE LIAM',
  'RICHARD RICK RICKY DICK RICH RICHIE',
  'JAMES JIM JIMMY JAMIE',
  'JOHN JACK JOHNNY JON',
  'JOSEPH JOE JOEY JO',
  'MICHAEL MIKE MICKEY MICK',
  'THOMAS TOM TOMMY',
  'CHARLES CHARLIE CHUCK CHAS',
  'CHRISTOPHER CHRIS KIT TOPHER',
  'DANIEL DAN DANNY',
  'DAVID DAVE DAVEY',
  'EDWARD ED EDDIE TED TEDDY NED',
  'ANTHONY TONY',
  'ANDREW ANDY DREW',
  'MATTHEW MATT MATTY',
  'NICHOLAS NICK NICKY',
  'STEPHEN STEVEN STEVE STEVIE',
  'BENJAMIN BEN BENNY BENJI',
  'SAMUEL SAM SAMMY',
  'ALEXANDER ALEX AL ALEC SANDY XANDER',
  'ALEXANDRA ALEX ALEXA SANDRA ALLIE',
  'JONATHAN JON JONNY NATHAN',
  'NATHANIEL NATE NATHAN NAT',
  'TIMOTHY TIM TIMMY',
  'PATRICK PAT PADDY',
  'PATRICIA PAT PATTY TRISH TRICIA',
  'PETER PETE',
  'GREGORY GREG',
  'JEFFREY JEFF GEOFFREY GEOFF',
  'KENNETH KEN KENNY',
  'RONALD RON RONNIE',
  'DONALD DON DONNIE',
  'RAYMOND RAY',
  'LAWRENCE LARRY LAURENCE',
  'GERALD GERRY JERRY',
  'FREDERICK FRED FREDDIE FREDDY',
  'HENRY HANK HARRY',
  'ELIZABETH LIZ LIZZIE BETH BETTY ELIZA LISA BETSY ELISE',
  'MARGARET MAGGIE MEG PEGGY MARGE GRETA',
  'KATHERINE KATE KATIE KATHY KAT CATHERINE KATHRYN CATHY KAY',
  'JENNIFER JEN JENNY JENN',
  'JESSICA JESS JESSIE',
  'REBECCA BECKY BECCA',
  'SUSAN SUE SUSIE SUZANNE',
  'DEBORAH DEB DEBBIE DEBRA',
  'BARBARA BARB BARBIE',
  'VICTORIA VICKY TORI',
  'CHRISTINE CHRIS CHRISTY TINA CHRISTINA KRISTINA',
  'SAMANTHA SAM SAMMY',
  'ABIGAIL ABBY ABBIE',
  'AMANDA MANDY',
  'DOROTHY DOT DOTTIE',
  'JACQUELINE JACKIE',
  'JOSEPHINE JOSIE JO',
  'KIMBERLY KIM',
  'MARY MOLLY MAE MAMIE',
  'NANCY NAN',
  'OLIVIA LIV LIVVY',
  'EMILY EM EMMY',
  'EMMA EM EMMY',
  'SOPHIA SOPHIE',
  'CHARLOTTE CHARLIE LOTTIE',
  'ISABELLA BELLA IZZY ISABEL ISABELLE',
  'MADISON MADDIE MADDY',
  'GABRIEL GABE',
  'ZACHARY ZACH ZACK',
  'JOSHUA JOSH',
  'JACOB JAKE',
  'ETHAN ETH',
  'NOAH NO',
  'LUCAS LUKE LUC',
  'EVELYN EVIE EVE',
  'ELEANOR ELLIE NELL NORA',
  'SANDRA SANDY',
  'SANDEEP SANDY',
  'TERESA TESS TERRY TESSA',
  'THERESA TESS TERRY TESSA',
  'KATHLEEN KATHY KATE',
  'HAROLD HARRY HAL',
  'WALTER WALT',
  'JUDITH JUDY',
  'PAMELA PAM',
  'CYNTHIA CINDY',
  'DOUGLAS DOUG',
  'STEPHANIE STEPH',
  'GURPREET PREET GARY',
  'HARPREET HARRY PREET',
  'JASPREET JAS',
  'JASWINDER JAS',
  'MANPREET MANNY',
  'SUKHWINDER SUKHI',
  'RAJINDER RAJ',
  'BALJIT BAL',
  'KULWINDER KULLY',
  'AMARJIT AMAR',
  'PARAMJIT PAM',
  'NAVDEEP NAV',
  'GUILLAUME WILL',
  'ALEJANDRO ALEX',
  'FRANCISCO PACO FRANK',
  'JOSE PEPE',
  'EDUARDO EDDIE ED',
  'MOHAMMAD MO MOHAMMED MUHAMMAD',
  'IBRAHIM ABE',
  'OLEKSANDR SASHA',
  'KONSTANTINOS GUS KOSTAS',
  'GIUSEPPE JOE PINO',
];

/** Maps every name to the canonical (first) names of all the groups it is in (SAM: SAMUEL and SAMANTHA). */
export function buildNicknameMap(groups: readonly string[] = GROUPS): ReadonlyMap<string, readonly string[]> {
  const map = new Map<string, string[]>();
  for (const row of groups) {
    const [canonical, ...rest] = row.split(' ');
    if (!canonical) continue;
    for (const name of [canonical, ...rest]) {
      const list = map.get(name) ?? [];
      if (!list.includes(canonical)) list.push(canonical);
      map.set(name, list);
    }
  }
  return map;
}

const NICKNAMES = buildNicknameMap();

/** The canonical names of every group a normalized given name is in (itself when it is in none). */
export function nicknameGroups(name: string): readonly string[] {
  return NICKNAMES.get(name) ?? [name];
}

/** True when two different normalized given names share a nickname group. */
export function areNicknames(a: string, b: string): boolean {
  if (a === b) return false;
  const groups = nicknameGroups(b);
  return nicknameGroups(a).some((g) => groups.includes(g));
}
