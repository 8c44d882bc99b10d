// Given names and surnames for BC's Indigenous, Persian, Latin American and Arab communities.
import type { NameGroup } from './name-group.js';

const split = (text: string): readonly string[] => text.split('|');

/** First Nations and Métis families in BC mostly carry English or French given names and anglicized surnames. */
export const INDIGENOUS: NameGroup = {
  id: 'indigenous',
  male: split('Joseph|Peter|Thomas|Daniel|Frank|Clarence|Willard|Dwayne|Garry|Floyd|Leonard|Cody|Tyson|Darcy|Kyle|Travis|Jordan|Colton|Landon|Wade|Marvin|Russell|Herman|Vernon'),
  female: split('Mary|Rose|Brenda|Joyce|Darlene|Sheila|Lorna|Marlene|Tanya|Crystal|Angel|Shawna|Chantelle|Kaylee|Destiny|Cheyenne|Jolene|Rhonda|Bernice|Delores|Sierra|Tamara|Cassandra|Raven'),
  family: split("Joe|Jack|George|Charlie|Thomas|Paul|Jim|Harry|August|Sam|Point|Louie|Alec|Dick|Edgar|Baptiste|Antoine|Jules|Peters|Johnny|Tom|Michel|Basil|Sparrow|Guerin|Hunt|Cranmer|Alfred|Seymour|Modeste|Sampson|Nahanee|Stager|Jimmie|Manuel|Derrickson|Eneas|Terbasket|Louis|Williams|Wilson|Morris|Mack|Dan|Bob|Aleck|Prince|Ignace|Leon|Quock"),
  englishGivenShare: 1,
  languages: [],
};

export const PERSIAN: NameGroup = {
  id: 'persian',
  male: split('Ali|Reza|Mohammad|Hossein|Amir|Mehdi|Saeed|Hamid|Kaveh|Arash|Dariush|Babak|Farhad|Navid|Kian|Pouya'),
  female: split('Maryam|Fatemeh|Zahra|Sara|Neda|Shirin|Parisa|Leila|Nazanin|Roya|Mahsa|Yasmin|Azadeh|Mina|Niloufar|Sahar'),
  family: split('Ahmadi|Hosseini|Karimi|Rezaei|Mohammadi|Moradi|Jafari|Rahimi|Kazemi|Sadeghi|Ghorbani|Hashemi|Tehrani|Esfahani|Shirazi|Farahani|Nazari|Soltani'),
  englishGivenShare: 0.15,
  languages: ['fa'],
};

export const LATIN_AMERICAN: NameGroup = {
  id: 'latin-american',
  male: split('José|Luis|Carlos|Juan Pablo|Diego|Andrés|Alejandro|Javier|Fernando|Ricardo|Santiago|Mateo|Sebastián|Gustavo|Felipe|Raúl'),
  female: split('María José|Ana|Gabriela|Daniela|Valentina|Camila|Lucía|Paola|Carolina|Fernanda|Mariana|Isabella|Natalia|Adriana|Verónica|Ximena'),
  family: split('González|Rodríguez|Hernández|López|Martínez|Pérez|Sánchez|Ramírez|Torres|Flores|Rivera|Gómez|Díaz|Morales|Vargas|Castro|Ortiz|Jiménez|Rojas|Herrera'),
  englishGivenShare: 0.15,
  languages: ['es'],
};

export const ARAB: NameGroup = {
  id: 'arab',
  male: split('Mohammed|Ahmad|Omar|Khaled|Youssef|Karim|Samir|Tariq|Hassan|Ibrahim|Nabil|Rami'),
  female: split('Layla|Noor|Rania|Huda|Mariam|Amira|Salma|Dina|Hala|Yasmin|Lina|Rana'),
  family: split('Haddad|Khoury|Nassar|Saleh|Mansour|Hamdan|Abboud|Aziz|Darwish|Farah|Habib|Issa|Jaber|Khalil|Mahmoud|Najjar'),
  englishGivenShare: 0.15,
  languages: ['ar'],
};
