// The app of the start-up bench: its first line tells the parent it runs, then it ends.
process.stdout.write('first line\n');
