// The baseline `npm run bench -- cli` runs end to end: compromise's .quotations() over the files
// named, as a command would (start, load, read each file, find its quotations). Prints the count.
import fs from 'node:fs';
import nlp from 'compromise';

let quotes = 0;
for (const file of process.argv.slice(2)) quotes += nlp(fs.readFileSync(file, 'utf8')).quotations().length;
console.log(quotes);
