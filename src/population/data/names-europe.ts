// Given names and surnames of European origin common in BC (British Isles, French, other European).
import type { NameGroup } from './name-group.js';

const split = (text: string): readonly string[] => text.split('|');

export const ENGLISH: NameGroup = {
  id: 'english',
  male: split('James|John|Robert|Michael|William|David|Richard|Joseph|Thomas|Christopher|Daniel|Matthew|Anthony|Mark|Steven|Paul|Andrew|Kenneth|Kevin|Brian|George|Edward|Ronald|Timothy|Jason|Jeffrey|Ryan|Jacob|Gary|Nicholas|Eric|Jonathan|Stephen|Larry|Justin|Scott|Brandon|Benjamin|Samuel|Gregory|Alexander|Patrick|Frank|Raymond|Jack|Dennis|Jerry|Tyler|Aaron|Henry|Douglas|Peter|Adam|Nathan|Zachary|Walter|Kyle|Harold|Carl|Arthur|Gerald|Roger|Keith|Lawrence|Terry|Sean|Christian|Ethan|Austin|Liam|Noah|Oliver|Lucas|Owen|Logan|Hunter|Connor|Cameron|Evan|Ian|Graham|Colin|Neil|Stuart|Wayne|Dale|Glen|Trevor|Darren|Shane|Bruce|Donald|Allan|Murray|Gordon'),
  female: split('Mary|Patricia|Jennifer|Linda|Elizabeth|Barbara|Susan|Jessica|Sarah|Karen|Nancy|Lisa|Margaret|Betty|Sandra|Ashley|Dorothy|Kimberly|Emily|Donna|Michelle|Carol|Amanda|Melissa|Deborah|Stephanie|Rebecca|Laura|Sharon|Cynthia|Kathleen|Amy|Shirley|Angela|Helen|Anna|Brenda|Pamela|Nicole|Samantha|Katherine|Christine|Debra|Rachel|Catherine|Carolyn|Janet|Heather|Maria|Diane|Julie|Joyce|Victoria|Kelly|Christina|Joan|Evelyn|Lauren|Judith|Olivia|Megan|Cheryl|Andrea|Hannah|Jacqueline|Martha|Gloria|Teresa|Sara|Madison|Kathryn|Janice|Jean|Abigail|Alice|Judy|Sophia|Grace|Denise|Amber|Marilyn|Danielle|Beverly|Isabella|Charlotte|Emma|Ava|Chloe|Brooke|Jocelyn|Tara|Erin|Leah|Kayla|Shannon|Wendy|Tracy|Colleen|Lorraine'),
  family: split("Smith|Brown|Wilson|Taylor|Johnson|Anderson|Campbell|Thompson|MacDonald|Stewart|Robinson|Clark|Scott|Young|Walker|Mitchell|Watson|Morrison|Reid|Murray|Fraser|Hamilton|Graham|Ross|Kennedy|Henderson|Paterson|Robertson|Cameron|Wright|Hughes|Evans|Davies|Roberts|Jones|Williams|Green|Hall|Wood|Harris|Lewis|Martin|Jackson|White|Turner|Baker|Edwards|Hill|Moore|King|Cooper|Ward|Morris|Bell|Murphy|Kelly|O'Brien|O'Connor|Ryan|Walsh|Byrne|McCarthy|Doyle|Gallagher|Sullivan|McLean|MacKenzie|McKay|Sinclair|Gordon|Hunter|Russell|Ferguson|Wallace|Johnston|Bailey|Parker|Collins|Stevens|Marshall|Gibson|Ellis|Grant|Hudson|Fletcher|Lawson|Sutherland|Douglas|Munro|Ritchie|Boyd|Crawford|Chapman|Spencer|Knight|Barnes|Holmes|Webb|Price|Lloyd|Dixon|Burns|Lamb|Fox"),
  englishGivenShare: 1,
  languages: [],
};

export const FRENCH: NameGroup = {
  id: 'french',
  male: split('Jean|Pierre|Luc|Marc|François|Michel|André|Louis|Philippe|Étienne|Mathieu|Olivier|Julien|Gabriel|Simon|Antoine|Guillaume|Nicolas|Sébastien|Maxime|Alexandre|Benoît|Denis|Gilles|Yves|Réjean|Normand|Sylvain|Jean-François|Jean-Philippe|Marc-André|Pierre-Luc|Raphaël|Félix|Émile|Hugo|Léo|Thomas|Samuel|Vincent'),
  female: split('Marie|Isabelle|Nathalie|Sophie|Julie|Geneviève|Chantal|Josée|Mélanie|Véronique|Annie|Manon|Sylvie|Lucie|Hélène|Catherine|Camille|Émilie|Chloé|Léa|Gabrielle|Amélie|Élise|Marie-Ève|Marie-Claude|Anne-Marie|Céline|Danielle|Monique|Francine|Diane|Ginette|Louise|Johanne|Audrey|Valérie|Claudine|Stéphanie|Justine|Rosalie'),
  family: split('Tremblay|Gagnon|Roy|Côté|Bouchard|Gauthier|Morin|Lavoie|Fortin|Gagné|Ouellet|Pelletier|Bélanger|Lévesque|Bergeron|Leblanc|Paquette|Girard|Simard|Boucher|Caron|Beaulieu|Cloutier|Dubé|Poirier|Fournier|Lapointe|Leclerc|Lefebvre|Poulin|Thibault|St-Pierre|Nadeau|Landry|Martel|Bédard|Grenier|Lessard|Bernier|Richard|Michaud|Hébert|Desjardins|Couture|Turcotte|Lachance|Parent|Blais|Gosselin|Savard|Proulx|Beaudoin|Demers|Perreault|Dupuis|Arsenault|Vaillancourt|Charbonneau'),
  englishGivenShare: 0.25,
  languages: ['fr'],
};

export const EUROPEAN: NameGroup = {
  id: 'european',
  male: split('Hans|Klaus|Dieter|Jan|Pieter|Willem|Henk|Lars|Erik|Nils|Sven|Anders|Giovanni|Marco|Luca|Giuseppe|Antonio|Franco|Paolo|Dmytro|Taras|Andriy|Oleksandr|Bohdan|Jakub|Tomasz|Piotr|Krzysztof|Stefan|Miroslav|Dragan|Goran|Nikolai|Sergei|Ivan|Jorge|Carlos|Miguel|Manuel|Dimitri|Konstantinos|Janos|Istvan'),
  female: split('Ingrid|Greta|Heidi|Ursula|Anneke|Sanne|Femke|Astrid|Freya|Sigrid|Maja|Giulia|Francesca|Chiara|Rosa|Lucia|Oksana|Olena|Natalia|Iryna|Katarzyna|Agnieszka|Magdalena|Zofia|Elena|Milena|Svetlana|Tatiana|Anastasia|Sofia|Carmen|Ana|Isabel|Teresa|Eleni|Katalin|Petra|Liesbeth'),
  family: split('Schmidt|Müller|Schneider|Fischer|Weber|Meyer|Wagner|Becker|Hoffmann|Koch|Klassen|Friesen|Penner|Janzen|Enns|Dyck|Van der Berg|De Vries|Jansen|Bakker|Visser|Smit|Hansen|Nielsen|Olsen|Larsen|Johansson|Lindqvist|Rossi|Russo|Ferrari|Esposito|Bianchi|Romano|Colombo|Ricci|De Luca|Kowalski|Nowak|Wiśniewski|Lewandowski|Kowalczyk|Shevchenko|Bondarenko|Kovalenko|Tkachenko|Melnyk|Novak|Horvat|Petrov|Ivanov|Popescu|Papadopoulos|Nagy|Silva|Santos|Pereira|Ferreira|Costa|Oliveira'),
  englishGivenShare: 0.5,
  languages: ['de', 'nl', 'it', 'uk', 'pl', 'pt'],
};
