// Given names and surnames for BC's Chinese, South Asian, Filipino, Korean, Vietnamese and Japanese communities.
import type { NameGroup } from './name-group.js';

const split = (text: string): readonly string[] => text.split('|');

export const CHINESE: NameGroup = {
  id: 'chinese',
  male: split('Wei|Jian|Ming|Hao|Jun|Lei|Tao|Yong|Bin|Hui|Qiang|Xiaoming|Zhiwei|Jianguo|Haoran|Yuchen|Zihao|Chun Kit|Ka Ho|Wai Man|Kwok Wing|Siu Ming|Chi Keung|Man Kit|Tsz Hin'),
  female: split('Mei|Ling|Xiu Ying|Li Na|Hui Min|Yan|Jing|Fang|Xiaoli|Yuxin|Zihan|Ying|Qing|Wei Ling|Mei Ling|Ka Yan|Wing Yee|Suk Fan|Pui Shan|Hoi Yan|Man Yee|Siu Wai|Lai Ming|Yuet Ling'),
  family: split('Wong|Chen|Li|Lee|Chan|Liu|Zhang|Wang|Lam|Ng|Leung|Cheung|Ho|Yip|Huang|Lin|Tang|Cheng|Yang|Zhao|Wu|Zhou|Xu|Sun|Ma|Zhu|Hu|Guo|He|Luo|Tsang|Chow|Kwan|Fung|Mak|Lau|Tse|Lo|Poon|Yeung|Chiu|Kwok|Siu|Tam|Choi|Yuen|Louie|Mah|Quan|Jang'),
  englishGivenShare: 0.55,
  languages: ['zh', 'yue'],
};

export const PUNJABI: NameGroup = {
  id: 'punjabi',
  male: split('Harpreet|Gurpreet|Jaspreet|Manpreet|Sukhwinder|Rajinder|Baljit|Kulwinder|Harjit|Amarjit|Jaswinder|Paramjit|Gurdeep|Navdeep|Sandeep|Harjot|Arjun|Karan|Simranjit|Jagdeep|Balwinder|Iqbal|Ranjit|Gurjit|Satnam|Tejinder|Hardeep|Daljit|Avtar|Jasdeep|Manjot|Ravinder'),
  female: split('Harpreet|Gurpreet|Jaspreet|Manpreet|Simran|Navneet|Rajwinder|Kulwinder|Sukhjit|Amandeep|Ramandeep|Kamaljit|Baljinder|Parminder|Harleen|Jasleen|Gurleen|Mandeep|Rupinder|Sarbjit|Jaswinder|Inderjit|Harjinder|Navjot|Prabhjot|Kirandeep|Manjit|Jasmeet|Taranjit|Ravneet'),
  family: split('Sandhu|Gill|Dhaliwal|Sidhu|Grewal|Brar|Johal|Bains|Sangha|Dhillon|Mann|Randhawa|Sahota|Atwal|Cheema|Toor|Kang|Bhullar|Virk|Hundal|Aujla|Sohi|Chahal|Bal|Dhami|Basran|Pannu|Khera|Nijjar|Rai|Sekhon|Thind|Purewal|Malhi|Heer|Deol|Saran|Mangat|Kooner|Gosal'),
  englishGivenShare: 0.08,
  languages: ['pa'],
};

export const SOUTH_ASIAN: NameGroup = {
  id: 'south-asian',
  male: split('Rahul|Amit|Vikram|Rohan|Arjun|Sanjay|Rajesh|Suresh|Anil|Vijay|Nikhil|Aditya|Imran|Faisal|Omar|Ahmed|Bilal|Hamza|Kiran|Pradeep|Ravi|Deepak|Nitin|Manoj|Farhan|Zain'),
  female: split('Priya|Anjali|Neha|Pooja|Kavita|Sunita|Deepa|Asha|Meera|Shreya|Divya|Lakshmi|Aisha|Fatima|Sana|Ayesha|Zara|Nadia|Sonia|Rekha|Nisha|Anita|Swati|Rani|Farah|Hina'),
  family: split('Sharma|Patel|Kumar|Singh|Gupta|Mehta|Shah|Verma|Reddy|Rao|Nair|Iyer|Menon|Joshi|Desai|Kapoor|Malhotra|Chopra|Khan|Ali|Hussain|Ahmed|Qureshi|Siddiqui|Chaudhry|Prasad|Naidu|Lal|Chand|Narayan|Ram|Dutt'),
  englishGivenShare: 0.1,
  languages: ['hi', 'ur', 'gu'],
};

export const FILIPINO: NameGroup = {
  id: 'filipino',
  male: split('Jose|Juan|Mark Anthony|John Paul|Rodel|Ramon|Eduardo|Rogelio|Danilo|Reynaldo|Ferdinand|Jericho|Jomar|Rommel|Arnel|Noel|Ronaldo|Christian|Emmanuel|Ariel|Jayson|Marvin|Joel|Renato'),
  female: split('Maria|Ma. Theresa|Rosalie|Marites|Cristina|Jocelyn|Maricel|Analyn|Rowena|Lovely|Princess|Mary Grace|Joy|Jenelyn|Marilou|Leonora|Angelica|Kristine|Rhea|Lorna|Imelda|Teresita|Evangeline|Flordeliza'),
  family: split('Santos|Reyes|Cruz|Bautista|Garcia|Mendoza|Dela Cruz|Ramos|Aquino|Villanueva|Castillo|Gonzales|Fernandez|Torres|Flores|Rivera|Navarro|Domingo|Soriano|Mercado|Aguilar|Pascual|Manalo|Salazar|De Guzman|Del Rosario|Tolentino|Dizon|Gutierrez|Valdez|Lopez|Panganiban'),
  englishGivenShare: 0.5,
  languages: ['tl'],
};

export const KOREAN: NameGroup = {
  id: 'korean',
  male: split('Min-jun|Seo-jun|Ji-hoon|Hyun-woo|Dong-hyun|Sung-min|Jae-won|Young-ho|Sang-woo|Joon-ho|Tae-yang|Kyung-soo'),
  female: split('Ji-yeon|Seo-yeon|Min-ji|Soo-jin|Eun-ji|Hye-jin|Yoon-ah|Ji-woo|Ha-eun|Mi-kyung|Sun-hee|Young-mi'),
  family: split('Kim|Lee|Park|Choi|Jung|Kang|Cho|Yoon|Jang|Lim|Han|Oh|Seo|Shin|Kwon|Hwang|Ahn|Song|Yoo|Hong'),
  englishGivenShare: 0.5,
  languages: ['ko'],
};

export const VIETNAMESE: NameGroup = {
  id: 'vietnamese',
  male: split('Minh|Tuan|Hung|Duc|Thanh|Quang|Huy|Long|Nam|Khanh|Phuc|Bao|Hieu|Trung|Vinh'),
  female: split('Linh|Lan|Hoa|Mai|Thuy|Huong|Ngoc|Trang|Phuong|Anh|Hanh|Thao|Nhung|Yen|Diep'),
  family: split('Nguyen|Tran|Le|Pham|Hoang|Huynh|Phan|Vu|Vo|Dang|Bui|Do|Ho|Ngo|Duong|Ly|Truong'),
  englishGivenShare: 0.45,
  languages: ['vi'],
};

export const JAPANESE: NameGroup = {
  id: 'japanese',
  male: split('Hiroshi|Takeshi|Kenji|Satoshi|Yuki|Haruto|Sota|Daiki|Kazuo|Akira|Noboru|Tadashi'),
  female: split('Yuki|Akiko|Keiko|Yoko|Mika|Sakura|Hana|Aiko|Emiko|Naomi|Haruka|Michiko'),
  family: split('Sato|Suzuki|Takahashi|Tanaka|Watanabe|Ito|Yamamoto|Nakamura|Kobayashi|Kato|Yoshida|Yamada|Sasaki|Matsumoto|Inoue|Kimura|Hayashi|Shimizu|Nakagawa|Moriyama'),
  englishGivenShare: 0.6,
  languages: ['ja'],
};
