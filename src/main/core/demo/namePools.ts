/**
 * Name pools for the demo company, one per naming culture. They exist to exercise matching: diacritics from
 * many alphabets, hyphenated and multi-part first and last names, particles ("van der", "de", "von"),
 * apostrophes, family-name-first display order (Vietnamese), and gendered surname forms (Polish, Czech).
 * Data only (the generator that draws from them is generateCompany.ts); exported so that drifted legacy
 * exports can be generated from the same vocabulary.
 */

export interface NameCity {
  city: string
  zip: string
  country: string
  state: string | null
}

export interface NameLocale {
  /** Short key, e.g. 'de'. */
  code: string
  /** Relative share of employees drawn from this pool in a generated company. */
  weight: number
  /** ISO 3166 alpha-2 nationality reported for people from this pool. */
  nationality: string
  /** 'family-first' means display_full_name is "<last> <first>" (Vietnamese usage). */
  displayOrder: 'given-first' | 'family-first'
  female: readonly string[]
  male: readonly string[]
  surnames: readonly string[]
  personalEmailDomains: readonly string[]
  cities: readonly NameCity[]
  streets: readonly string[]
  phonePrefix: string
}

// Hand-wrapped word lists read better than one name per line.
// prettier-ignore
export const NAME_LOCALES: readonly NameLocale[] = [
  {
    code: 'de',
    weight: 30,
    nationality: 'DE',
    displayOrder: 'given-first',
    female: [
      'Anna', 'Lena', 'Katharina', 'Sophie', 'Hannah', 'Lea', 'Marie', 'Julia', 'Laura', 'Sarah', 'Lisa',
      'Johanna', 'Franziska', 'Charlotte', 'Greta', 'Jördis', 'Käthe', 'Elisabeth', 'Ulrike', 'Sabine',
      'Birgit', 'Bärbel', 'Jutta', 'Anne-Kathrin', 'Marie-Luise', 'Frauke', 'Henrike', 'Svenja', 'Jana',
    ],
    male: [
      'Lukas', 'Jonas', 'Maximilian', 'Felix', 'Leon', 'Paul', 'Jürgen', 'Günther', 'Jörg', 'Björn', 'Sören',
      'Uwe', 'Thomas', 'Michael', 'Stefan', 'Andreas', 'Sebastian', 'Alexander', 'Johannes', 'Friedrich',
      'Nikolaus', 'Hans-Peter', 'Karl-Heinz', 'Matthias', 'Tobias', 'Florian', 'Moritz', 'Benedikt', 'Till',
    ],
    surnames: [
      'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weiß', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz',
      'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz',
      'Zimmermann', 'Braun', 'Krüger', 'Hartmann', 'Lange', 'Werner', 'Krause', 'Köhler', 'Groß', 'Jäger',
      'Meißner', 'Strauß', 'Löffler', 'Böhm', 'Dürr', 'Müller-Lüdenscheidt', 'Schulze-Wüsthoff', 'von Bülow',
      'von der Heydt', 'Graf-Ößwald',
    ],
    personalEmailDomains: ['web.de', 'gmx.de', 'gmx.net', 't-online.de', 'posteo.de'],
    cities: [
      { city: 'Berlin', zip: '10115', country: 'DE', state: 'Berlin' },
      { city: 'Hamburg', zip: '20095', country: 'DE', state: 'Hamburg' },
      { city: 'München', zip: '80331', country: 'DE', state: 'Bayern' },
      { city: 'Köln', zip: '50667', country: 'DE', state: 'Nordrhein-Westfalen' },
      { city: 'Düsseldorf', zip: '40213', country: 'DE', state: 'Nordrhein-Westfalen' },
      { city: 'Lübeck', zip: '23552', country: 'DE', state: 'Schleswig-Holstein' },
      { city: 'Görlitz', zip: '02826', country: 'DE', state: 'Sachsen' },
    ],
    streets: ['Hauptstraße', 'Schillerstraße', 'Goethestraße', 'Am Mühlbach', 'Lindenallee', 'Bahnhofstraße'],
    phonePrefix: '+49 15',
  },
  {
    code: 'fr',
    weight: 8,
    nationality: 'FR',
    displayOrder: 'given-first',
    female: [
      'Camille', 'Léa', 'Chloé', 'Manon', 'Inès', 'Zoé', 'Élodie', 'Hélène', 'Amélie', 'Cécile', 'Margaux',
      'Anaïs', 'Maëlle', 'Noémie', 'Océane', 'Béatrice', 'Geneviève', 'Françoise', 'Marie-Claire',
      'Anne-Sophie', 'Clémence', 'Thérèse', 'Aurélie', 'Mélanie',
    ],
    male: [
      'Louis', 'Gabriel', 'Raphaël', 'Jules', 'Hugo', 'Théo', 'Noé', 'Étienne', 'François', 'Jérôme',
      'Frédéric', 'Rémi', 'Benoît', 'Sébastien', 'Cédric', 'Loïc', 'Gaël', 'Jean-Luc', 'Jean-Baptiste',
      'Pierre-Yves', 'Clément', 'Grégoire', 'Aurélien', 'Joël',
    ],
    surnames: [
      'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
      'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garçon', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'Fontaine',
      'Rousseau', 'Girard', 'Chevalier', 'Faure', 'Gauthier', 'Lemaître', 'Le Gall', 'Le Goff',
      'de La Fontaine', 'Ménard', 'Thériault', 'Pâris', 'Bézier', 'Martin-Lefèvre',
    ],
    personalEmailDomains: ['orange.fr', 'free.fr', 'laposte.net', 'yahoo.fr', 'sfr.fr'],
    cities: [
      { city: 'Paris', zip: '75001', country: 'FR', state: 'Île-de-France' },
      { city: 'Lyon', zip: '69001', country: 'FR', state: 'Auvergne-Rhône-Alpes' },
      { city: 'Orléans', zip: '45000', country: 'FR', state: 'Centre-Val de Loire' },
      { city: 'Besançon', zip: '25000', country: 'FR', state: 'Bourgogne-Franche-Comté' },
    ],
    streets: ['rue de la République', 'avenue Jean Jaurès', 'rue Victor Hugo', 'boulevard Gambetta'],
    phonePrefix: '+33 6',
  },
  {
    code: 'es',
    weight: 8,
    nationality: 'ES',
    displayOrder: 'given-first',
    female: [
      'María', 'Lucía', 'Sofía', 'Martina', 'Paula', 'Valentina', 'Carmen', 'Ana', 'Inés', 'Begoña', 'Nuria',
      'Montserrat', 'Ainhoa', 'Itziar', 'Águeda', 'Rocío', 'Pilar', 'Mercedes', 'María José', 'Ángela',
      'Almudena', 'Elena',
    ],
    male: [
      'Hugo', 'Martín', 'Mateo', 'Alejandro', 'Daniel', 'Pablo', 'Álvaro', 'Adrián', 'Íñigo', 'José',
      'Francisco', 'Antonio', 'Manuel', 'Jesús', 'Javier', 'Ramón', 'Joaquín', 'Rubén', 'Sergio', 'Óscar',
      'Andrés', 'José Luis', 'Juan Carlos',
    ],
    surnames: [
      'García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez',
      'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Núñez', 'Ibáñez', 'Peña',
      'Castaño', 'Ortiz', 'Gutiérrez', 'Ordóñez', 'Zúñiga', 'Iglesias', 'García Márquez',
      'Fernández de Córdoba', 'López-Ibáñez', 'Sánchez Vicario', 'Martín del Campo',
    ],
    personalEmailDomains: ['hotmail.es', 'yahoo.es', 'telefonica.net'],
    cities: [
      { city: 'Madrid', zip: '28001', country: 'ES', state: 'Comunidad de Madrid' },
      { city: 'Barcelona', zip: '08001', country: 'ES', state: 'Cataluña' },
      { city: 'A Coruña', zip: '15001', country: 'ES', state: 'Galicia' },
      { city: 'Cádiz', zip: '11001', country: 'ES', state: 'Andalucía' },
      { city: 'Logroño', zip: '26001', country: 'ES', state: 'La Rioja' },
    ],
    streets: ['Calle Mayor', 'Avenida de la Constitución', 'Calle del Sol', 'Plaza de España'],
    phonePrefix: '+34 6',
  },
  {
    code: 'pl',
    weight: 7,
    nationality: 'PL',
    displayOrder: 'given-first',
    female: [
      'Anna', 'Zofia', 'Maja', 'Hanna', 'Zuzanna', 'Łucja', 'Małgorzata', 'Katarzyna', 'Agnieszka', 'Magdalena',
      'Joanna', 'Ewa', 'Dorota', 'Beata', 'Grażyna', 'Jadwiga', 'Bożena', 'Iwona', 'Aleksandra', 'Wiktoria',
    ],
    male: [
      'Jakub', 'Antoni', 'Jan', 'Szymon', 'Franciszek', 'Aleksander', 'Wojciech', 'Łukasz', 'Michał', 'Paweł',
      'Piotr', 'Krzysztof', 'Tomasz', 'Grzegorz', 'Mikołaj', 'Stanisław', 'Zbigniew', 'Przemysław',
      'Bartłomiej', 'Jędrzej', 'Maciej', 'Mateusz',
    ],
    surnames: [
      'Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński',
      'Szymański', 'Woźniak', 'Dąbrowski', 'Kozłowski', 'Jankowski', 'Mazur', 'Kwiatkowski', 'Krawczyk',
      'Piotrowski', 'Grabowski', 'Pawłowski', 'Michalski', 'Król', 'Wieczorek', 'Jabłoński', 'Wróbel',
      'Stępień', 'Jaworski', 'Małecki', 'Żak', 'Górski', 'Sikora', 'Ślęzak', 'Świątek', 'Łęcki',
    ],
    personalEmailDomains: ['wp.pl', 'onet.pl', 'o2.pl', 'interia.pl'],
    cities: [
      { city: 'Warszawa', zip: '00-001', country: 'PL', state: 'mazowieckie' },
      { city: 'Kraków', zip: '30-001', country: 'PL', state: 'małopolskie' },
      { city: 'Łódź', zip: '90-001', country: 'PL', state: 'łódzkie' },
      { city: 'Wrocław', zip: '50-001', country: 'PL', state: 'dolnośląskie' },
      { city: 'Gdańsk', zip: '80-001', country: 'PL', state: 'pomorskie' },
    ],
    streets: ['ul. Marszałkowska', 'ul. Długa', 'ul. Piękna', 'al. Jerozolimskie'],
    phonePrefix: '+48 5',
  },
  {
    code: 'nordic',
    weight: 6,
    nationality: 'SE',
    displayOrder: 'given-first',
    female: [
      'Ingrid', 'Astrid', 'Sigrid', 'Solveig', 'Åsa', 'Märta', 'Britt', 'Ida', 'Nora', 'Frida', 'Linnéa',
      'Signe', 'Tove', 'Ragnhild', 'Liv', 'Marit', 'Ebba', 'Agnete', 'Freja', 'Dorthe', 'Kirsten',
    ],
    male: [
      'Lars', 'Erik', 'Anders', 'Bjørn', 'Søren', 'Jørgen', 'Øystein', 'Håkan', 'Åke', 'Göran', 'Magnus',
      'Nils', 'Olav', 'Sven', 'Torbjørn', 'Ole', 'Rasmus', 'Mads', 'Henrik', 'Kasper', 'Gustav', 'Oskar',
    ],
    surnames: [
      'Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nielsen', 'Jensen', 'Karlsson',
      'Andersson', 'Johansson', 'Nilsson', 'Eriksson', 'Lindqvist', 'Lindström', 'Åberg', 'Ångström',
      'Sjöberg', 'Ødegård', 'Sæther', 'Bækgaard', 'Kjær', 'Mølgaard', 'Halvorsen', 'Søndergaard', 'Strøm',
      'Holmström', 'Björk', 'Løvås',
    ],
    personalEmailDomains: ['hotmail.se', 'live.se', 'online.no', 'mail.dk', 'telia.com'],
    cities: [
      { city: 'Oslo', zip: '0150', country: 'NO', state: null },
      { city: 'Tromsø', zip: '9008', country: 'NO', state: null },
      { city: 'Göteborg', zip: '411 01', country: 'SE', state: null },
      { city: 'Malmö', zip: '211 19', country: 'SE', state: null },
      { city: 'København', zip: '1050', country: 'DK', state: null },
      { city: 'Århus', zip: '8000', country: 'DK', state: null },
    ],
    streets: ['Storgatan', 'Kongens gate', 'Vesterbrogade', 'Drottninggatan'],
    phonePrefix: '+46 7',
  },
  {
    code: 'tr',
    weight: 6,
    nationality: 'TR',
    displayOrder: 'given-first',
    female: [
      'Ayşe', 'Fatma', 'Emine', 'Hatice', 'Zeynep', 'Elif', 'Merve', 'Büşra', 'Gül', 'Özlem', 'Şeyma', 'Derya',
      'Gökçe', 'Çiğdem', 'Nazlı', 'Dilek', 'Yağmur', 'Ebru', 'Tuğba', 'İpek', 'Aslı',
    ],
    male: [
      'Mehmet', 'Mustafa', 'Ahmet', 'Ali', 'Hüseyin', 'Hasan', 'İbrahim', 'İsmail', 'Osman', 'Yusuf', 'Murat',
      'Ömer', 'Emre', 'Burak', 'Çağrı', 'Gökhan', 'Serkan', 'Uğur', 'Oğuz', 'Barış', 'Tolga', 'Kaan',
    ],
    surnames: [
      'Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Yıldırım', 'Öztürk', 'Aydın', 'Özdemir',
      'Arslan', 'Doğan', 'Kılıç', 'Aslan', 'Çetin', 'Kara', 'Koç', 'Kurt', 'Özkan', 'Şimşek', 'Polat',
      'Erdoğan', 'Güneş', 'Akgül', 'Çakır', 'Ünal', 'Bağcı', 'Karataş',
    ],
    personalEmailDomains: ['hotmail.com', 'yandex.com.tr', 'gmail.com'],
    cities: [
      { city: 'İstanbul', zip: '34000', country: 'TR', state: null },
      { city: 'Ankara', zip: '06000', country: 'TR', state: null },
      { city: 'İzmir', zip: '35000', country: 'TR', state: null },
    ],
    streets: ['İstiklal Caddesi', 'Atatürk Bulvarı', 'Bağdat Caddesi'],
    phonePrefix: '+90 5',
  },
  {
    code: 'cs',
    weight: 4,
    nationality: 'CZ',
    displayOrder: 'given-first',
    female: [
      'Jana', 'Eva', 'Hana', 'Lucie', 'Tereza', 'Kateřina', 'Veronika', 'Markéta', 'Zuzana', 'Lenka', 'Petra',
      'Věra', 'Božena', 'Jiřina', 'Šárka', 'Radka', 'Dagmar', 'Zdeňka', 'Barbora', 'Anežka',
    ],
    male: [
      'Jiří', 'Jan', 'Petr', 'Josef', 'Pavel', 'Martin', 'Tomáš', 'Jaroslav', 'Miroslav', 'Zdeněk', 'Václav',
      'Michal', 'František', 'Ondřej', 'Lukáš', 'Radek', 'Vojtěch', 'Matěj', 'Dušan', 'Bořivoj',
    ],
    surnames: [
      'Novák', 'Svoboda', 'Novotný', 'Dvořák', 'Černý', 'Procházka', 'Kučera', 'Veselý', 'Horák', 'Němec',
      'Pokorný', 'Marek', 'Pospíšil', 'Hájek', 'Jelínek', 'Král', 'Růžička', 'Beneš', 'Fiala', 'Sedláček',
      'Doležal', 'Zeman', 'Kolář', 'Navrátil', 'Čermák', 'Urban', 'Blažek', 'Kříž', 'Šťastný', 'Řezníček',
    ],
    personalEmailDomains: ['seznam.cz', 'email.cz', 'centrum.cz'],
    cities: [
      { city: 'Praha', zip: '110 00', country: 'CZ', state: null },
      { city: 'Brno', zip: '602 00', country: 'CZ', state: null },
      { city: 'České Budějovice', zip: '370 01', country: 'CZ', state: null },
      { city: 'Plzeň', zip: '301 00', country: 'CZ', state: null },
    ],
    streets: ['Václavské náměstí', 'Národní třída', 'Masarykova', 'Husova'],
    phonePrefix: '+420 7',
  },
  {
    code: 'vi',
    weight: 4,
    nationality: 'VN',
    displayOrder: 'family-first',
    female: [
      'Thị Hoa', 'Thị Lan', 'Ngọc Anh', 'Thu Hà', 'Minh Châu', 'Thanh Hương', 'Phương Linh', 'Thị Mai',
      'Bảo Ngọc', 'Khánh Linh', 'Thùy Dung', 'Hồng Nhung',
    ],
    male: [
      'Văn Minh', 'Văn Hùng', 'Đức Anh', 'Quang Huy', 'Minh Tuấn', 'Hoàng Nam', 'Thành Đạt', 'Quốc Bảo',
      'Văn Dũng', 'Hữu Phước', 'Trọng Nghĩa', 'Gia Huy',
    ],
    surnames: [
      'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô',
      'Dương', 'Lý',
    ],
    personalEmailDomains: ['yahoo.com.vn', 'gmail.com'],
    cities: [
      { city: 'Hà Nội', zip: '100000', country: 'VN', state: null },
      { city: 'Thành phố Hồ Chí Minh', zip: '700000', country: 'VN', state: null },
      { city: 'Đà Nẵng', zip: '550000', country: 'VN', state: null },
    ],
    streets: ['Phố Huế', 'Đường Lê Lợi', 'Đường Trần Hưng Đạo'],
    phonePrefix: '+84 9',
  },
  {
    code: 'it',
    weight: 6,
    nationality: 'IT',
    displayOrder: 'given-first',
    female: [
      'Giulia', 'Chiara', 'Francesca', 'Federica', 'Sara', 'Martina', 'Alessia', 'Giorgia', 'Elisa', 'Silvia',
      'Valentina', 'Ilaria', 'Beatrice', 'Lucrezia', 'Noemi',
    ],
    male: [
      'Giuseppe', 'Giovanni', 'Antonio', 'Marco', 'Luca', 'Alessandro', 'Andrea', 'Matteo', 'Lorenzo',
      'Francesco', 'Niccolò', 'Mattia', 'Davide', 'Riccardo', 'Stefano', 'Gabriele', 'Tommaso',
    ],
    surnames: [
      'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco',
      'Bruno', 'Gallo', 'Conti', 'De Luca', 'Di Stefano', "D'Angelo", 'Lo Russo', 'Mancini', 'Costa',
      'Giordano', 'Rinaldi', 'Lombardi', 'Moretti', 'Barbieri', 'Fontana', 'Santoro', 'Caruso', 'Ferrara',
    ],
    personalEmailDomains: ['libero.it', 'virgilio.it', 'alice.it', 'tiscali.it'],
    cities: [
      { city: 'Roma', zip: '00118', country: 'IT', state: 'Lazio' },
      { city: 'Milano', zip: '20121', country: 'IT', state: 'Lombardia' },
      { city: 'Torino', zip: '10121', country: 'IT', state: 'Piemonte' },
      { city: 'Napoli', zip: '80121', country: 'IT', state: 'Campania' },
    ],
    streets: ['Via Roma', 'Via Garibaldi', 'Corso Vittorio Emanuele II', 'Via Dante'],
    phonePrefix: '+39 3',
  },
  {
    code: 'nl',
    weight: 5,
    nationality: 'NL',
    displayOrder: 'given-first',
    female: [
      'Emma', 'Julia', 'Sophie', 'Tess', 'Fenna', 'Sanne', 'Femke', 'Anouk', 'Lieke', 'Maud', 'Noor', 'Eline',
      'Marloes', 'Inge', 'Ilse', 'Mieke', 'Saskia', 'Wilhelmina', 'Liselotte',
    ],
    male: [
      'Daan', 'Sem', 'Lucas', 'Levi', 'Finn', 'Bram', 'Thijs', 'Jesse', 'Ruben', 'Stijn', 'Sander', 'Joost',
      'Pieter', 'Maarten', 'Wouter', 'Gijs', 'Jeroen', 'Koen', 'Hendrik', 'Willem',
    ],
    surnames: [
      'de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van der Berg', 'van Dijk', 'Bakker', 'Janssen',
      'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks',
      'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'de Graaf', 'van der Meer', 'van der Linden',
      'de Haan', 'Vermeulen', 'van den Heuvel', "van 't Hof", 'IJzerman',
    ],
    personalEmailDomains: ['ziggo.nl', 'kpnmail.nl', 'hotmail.nl', 'xs4all.nl'],
    cities: [
      { city: 'Amsterdam', zip: '1011 AB', country: 'NL', state: 'Noord-Holland' },
      { city: 'Utrecht', zip: '3511 AA', country: 'NL', state: 'Utrecht' },
      { city: "'s-Hertogenbosch", zip: '5211 AA', country: 'NL', state: 'Noord-Brabant' },
      { city: 'Den Haag', zip: '2511 AA', country: 'NL', state: 'Zuid-Holland' },
    ],
    streets: ['Keizersgracht', 'Dorpsstraat', 'Kerkstraat', 'Stationsweg'],
    phonePrefix: '+31 6',
  },
  {
    code: 'pt',
    weight: 4,
    nationality: 'PT',
    displayOrder: 'given-first',
    female: [
      'Maria', 'Ana', 'Beatriz', 'Leonor', 'Matilde', 'Inês', 'Mariana', 'Carolina', 'Joana', 'Conceição',
      'Fátima', 'Graça', 'Luísa', 'Márcia', 'Sónia', 'Antónia',
    ],
    male: [
      'João', 'José', 'António', 'Francisco', 'Rodrigo', 'Tomás', 'Martim', 'Duarte', 'Gonçalo', 'Afonso',
      'Luís', 'Sérgio', 'Rui', 'Nuno', 'Vítor', 'Simão',
    ],
    surnames: [
      'Silva', 'Santos', 'Ferreira', 'Pereira', 'Oliveira', 'Costa', 'Rodrigues', 'Martins', 'Sousa',
      'Fernandes', 'Gonçalves', 'Gomes', 'Lopes', 'Marques', 'Alves', 'Almeida', 'Ribeiro', 'Pinto',
      'Carvalho', 'Teixeira', 'Correia', 'Mendes', 'da Silva', 'dos Santos', 'de Sousa', 'Magalhães',
      'Simões', 'Brandão', 'Guimarães', 'Sousa e Melo',
    ],
    personalEmailDomains: ['sapo.pt', 'netcabo.pt', 'gmail.com'],
    cities: [
      { city: 'Lisboa', zip: '1100-148', country: 'PT', state: null },
      { city: 'Porto', zip: '4000-322', country: 'PT', state: null },
      { city: 'Braga', zip: '4700-001', country: 'PT', state: null },
    ],
    streets: ['Rua Augusta', 'Avenida da Liberdade', 'Rua de Santa Catarina'],
    phonePrefix: '+351 9',
  },
  {
    code: 'en',
    weight: 8,
    nationality: 'GB',
    displayOrder: 'given-first',
    female: [
      'Olivia', 'Amelia', 'Isla', 'Ava', 'Emily', 'Sophia', 'Grace', 'Jennifer', 'Elizabeth', 'Margaret',
      'Catherine', 'Siobhán', 'Niamh', 'Aoife', 'Rebecca', 'Charlotte', 'Hannah', 'Jessica', 'Megan', 'Chloe',
    ],
    male: [
      'Oliver', 'George', 'Harry', 'Jack', 'Noah', 'Charlie', 'William', 'James', 'Robert', 'Michael',
      'Christopher', 'Thomas', 'Daniel', 'Liam', 'Seán', 'Ciarán', 'Patrick', 'Benjamin', 'Matthew', 'Edward',
    ],
    surnames: [
      'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson',
      'Roberts', 'Walker', 'Wright', 'Robinson', 'Thompson', 'White', 'Hughes', 'Edwards', 'Green',
      "O'Brien", "O'Connor", 'McDonald', 'MacLeod', 'Murphy', 'Kelly', 'Byrne', 'Fitzgerald', 'Smith-Jones',
      'Bowes-Lyon',
    ],
    personalEmailDomains: ['outlook.com', 'yahoo.co.uk', 'btinternet.com', 'icloud.com', 'hotmail.co.uk'],
    cities: [
      { city: 'London', zip: 'EC1A 1BB', country: 'GB', state: 'England' },
      { city: 'Manchester', zip: 'M1 1AE', country: 'GB', state: 'England' },
      { city: 'Edinburgh', zip: 'EH1 1YZ', country: 'GB', state: 'Scotland' },
      { city: 'Dublin', zip: 'D02 XY45', country: 'IE', state: null },
    ],
    streets: ['High Street', 'Station Road', 'Church Lane', 'Victoria Road'],
    phonePrefix: '+44 7',
  },
  {
    code: 'hu',
    weight: 2,
    nationality: 'HU',
    displayOrder: 'given-first',
    female: ['Zsófia', 'Réka', 'Eszter', 'Katalin', 'Ildikó', 'Erzsébet', 'Júlia', 'Csilla', 'Tünde', 'Enikő'],
    male: ['László', 'István', 'József', 'Zoltán', 'Gábor', 'Ferenc', 'Attila', 'Péter', 'Gergő', 'Bálint'],
    surnames: [
      'Nagy', 'Kovács', 'Tóth', 'Szabó', 'Horváth', 'Varga', 'Kiss', 'Molnár', 'Németh', 'Farkas', 'Balogh',
      'Takács', 'Juhász', 'Mészáros', 'Oláh', 'Rácz', 'Szűcs', 'Szőke', 'Kőrösi', 'Hegedűs',
    ],
    personalEmailDomains: ['freemail.hu', 'citromail.hu'],
    cities: [
      { city: 'Budapest', zip: '1011', country: 'HU', state: null },
      { city: 'Debrecen', zip: '4024', country: 'HU', state: null },
      { city: 'Pécs', zip: '7621', country: 'HU', state: null },
    ],
    streets: ['Andrássy út', 'Váci utca', 'Kossuth Lajos utca'],
    phonePrefix: '+36 30',
  },
  {
    code: 'ro',
    weight: 2,
    nationality: 'RO',
    displayOrder: 'given-first',
    female: ['Ioana', 'Andreea', 'Elena', 'Alexandra', 'Cristina', 'Mădălina', 'Ștefania', 'Irina', 'Roxana'],
    male: ['Andrei', 'Alexandru', 'Mihai', 'Ștefan', 'Ionuț', 'Răzvan', 'Cătălin', 'Bogdan', 'Florin', 'Dragoș'],
    surnames: [
      'Popescu', 'Ionescu', 'Popa', 'Radu', 'Dumitru', 'Stoica', 'Gheorghe', 'Matei', 'Ciobanu', 'Rusu',
      'Munteanu', 'Constantinescu', 'Țurcanu', 'Mărginean', 'Lăzărescu', 'Bălan', 'Șerban',
    ],
    personalEmailDomains: ['yahoo.ro', 'gmail.com'],
    cities: [
      { city: 'București', zip: '010011', country: 'RO', state: null },
      { city: 'Cluj-Napoca', zip: '400001', country: 'RO', state: null },
      { city: 'Timișoara', zip: '300001', country: 'RO', state: null },
    ],
    streets: ['Calea Victoriei', 'Bulevardul Unirii', 'Strada Lipscani'],
    phonePrefix: '+40 7',
  },
]

/** Mail providers used across every culture, on top of each pool's local ones. */
export const GLOBAL_PERSONAL_EMAIL_DOMAINS: readonly string[] = ['gmail.com', 'outlook.com', 'icloud.com']

/**
 * Everyday short forms of given names in the pools, used as "preferred name" in the demo HRIS and meant for
 * drifted legacy exports (a legacy system often holds the name people go by).
 */
export const NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  Katharina: ['Kathi', 'Katja'],
  Johannes: ['Hannes', 'Jo'],
  Elisabeth: ['Lisa', 'Liesl'],
  Maximilian: ['Max'],
  Alexander: ['Alex'],
  Sebastian: ['Basti'],
  Friedrich: ['Fritz'],
  Nikolaus: ['Klaus', 'Niko'],
  Franziska: ['Franzi'],
  Michael: ['Micha', 'Mike'],
  Thomas: ['Tom', 'Tommy'],
  Matthias: ['Matze'],
  'Hans-Peter': ['HP'],
  William: ['Bill', 'Will'],
  Robert: ['Bob', 'Rob'],
  Margaret: ['Maggie', 'Peggy'],
  Elizabeth: ['Liz', 'Beth'],
  Jennifer: ['Jen', 'Jenny'],
  Christopher: ['Chris'],
  Benjamin: ['Ben'],
  Matthew: ['Matt'],
  Edward: ['Ed', 'Ted'],
  Catherine: ['Cathy', 'Kate'],
  Rebecca: ['Becky'],
  Daniel: ['Dani', 'Dan'],
  Francisco: ['Paco', 'Fran'],
  José: ['Pepe'],
  'José Luis': ['Pepe'],
  Antonio: ['Toni'],
  Alejandro: ['Álex'],
  'María José': ['Majo'],
  Jesús: ['Chus'],
  Małgorzata: ['Gosia'],
  Katarzyna: ['Kasia'],
  Aleksandra: ['Ola'],
  Wojciech: ['Wojtek'],
  Aleksander: ['Olek'],
  Bartłomiej: ['Bartek'],
  Giuseppe: ['Beppe', 'Peppe'],
  Francesco: ['Franco', 'Cesco'],
  Alessandro: ['Sandro', 'Ale'],
  'Jean-Baptiste': ['JB'],
  Frédéric: ['Fred'],
  Sébastien: ['Seb'],
  Jiří: ['Jirka'],
  Tomáš: ['Tom'],
  Kateřina: ['Katka'],
  Mehmet: ['Memo'],
  'Ngọc Anh': ['Anh'],
  'Văn Minh': ['Minh'],
  Hendrik: ['Henk'],
  Wilhelmina: ['Mina'],
  László: ['Laci'],
  Erzsébet: ['Erzsi'],
}
