#!/usr/bin/perl
# normalize_tables.pl: write src/normalize_tables.c, the lookup tables of
# the normalize concern, from the character data that Debian packages ship.
#
#   perl normalize_tables.pl OPENCC_TEXT UNIHAN_READINGS UNIHAN_VARIANTS \
#        UNICODEDATA SURNAMES EXTRA_READINGS > normalize_tables.c
#
#   OPENCC_TEXT      OpenCC's TSCharacters dictionary dumped as text
#                    (package opencc: opencc_dict -f ocd2 -t text)
#   UNIHAN_READINGS  Unihan_Readings.txt.bz2 (package unicode-data)
#   UNIHAN_VARIANTS  Unihan_Variants.txt.bz2 (package unicode-data)
#   UNICODEDATA      UnicodeData.txt (package unicode-data)
#   SURNAMES         src/data/surnames.txt
#   EXTRA_READINGS   src/data/readings_extra.txt
#
# Tables written (all read by src/normalize_core.c):
#
#   fold     code point -> code point: CJK compatibility ideographs and
#            Kangxi radicals to the unified ideograph (UnicodeData.txt
#            decompositions), then traditional to simplified: OpenCC's
#            first candidate; for characters OpenCC leaves alone, a Unihan
#            kSimplifiedVariant or kZVariant, but only from a character
#            outside the 2013 standard list (no kTGHZ2013) to one inside it
#            (so 彞->彝, 黒->黑, 値->值, but never 幺->么).  Chains are
#            followed to the end.
#   pinyin   code point -> toneless syllable (ASCII, u-umlaut as v): the
#            first kMandarin reading, else kXHC1983, kHanyuPinyin,
#            kTGHZ2013, else EXTRA_READINGS.
#   fuzzy    syllable -> syllable folded by the confusions of southern
#            speech (see fuzzy() below).
#   surname  one or two characters -> readings, from SURNAMES.
#
# Both code point maps are two-level tables: an index by code point / 256
# (code points below NZ_TABLE_LIMIT) into shared 256-entry pages, page 0
# empty.  Only core Perl is used (perl-base suffices).
use strict;
use warnings;
use utf8;

die "usage: $0 OPENCC_TEXT READINGS.bz2 VARIANTS.bz2 UNICODEDATA SURNAMES EXTRA\n"
	unless @ARGV == 6;
my ($opencc_file, $readings_file, $variants_file, $ucd_file, $surname_file, $extra_file) = @ARGV;

my $LIMIT = 0x40000;
binmode STDOUT, ':utf8';

sub open_text
{
	my ($file) = @_;
	my $fh;

	if ($file =~ /\.bz2$/)
	{
		open($fh, '-|', 'bzip2', '-dc', $file) or die "cannot run bzip2 -dc $file: $!\n";
	}
	else
	{
		open($fh, '<', $file) or die "cannot open $file: $!\n";
	}
	binmode $fh, ':utf8';
	return $fh;
}

# Pinyin with tone marks (or tone numbers) to toneless ASCII, u-umlaut as v.
sub toneless
{
	my ($s) = @_;

	$s = lc $s;
	$s =~ s/u\x{0308}/v/g;
	$s =~ tr/āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ/aaaaeeeeiiiioooouuuuvvvvvennnm/;
	$s =~ s/[\x{0300}-\x{036F}]//g;
	$s =~ s/[1-5]$//;
	return $s =~ /^[a-z]{1,6}$/ ? $s : undef;
}

# The fold of southern and Hubei speech, after libpinyin's ambiguities: each
# pair is folded to its second member.  Initials zh/z ch/c sh/s n/l f/h r/l;
# finals ang/an eng/en ing/in iang/ian uang/uan (so every final in -ng but
# ong and iong loses its g).  k/g is not applied.
sub fuzzy
{
	my ($s) = @_;
	my ($initial, $final) = ('', $s);

	if ($s =~ /^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])([aeiouv].*)$/)
	{
		($initial, $final) = ($1, $2);
	}
	$initial =~ s/^([zcs])h$/$1/;
	$initial =~ s/^[nr]$/l/;
	$initial =~ s/^f$/h/;
	$final =~ s/ng$/n/ if $final =~ /^(?:ang|eng|ing|iang|uang)$/;
	return $initial . $final;
}

# --- OpenCC traditional -> simplified ------------------------------------
my %fold;
my %opencc;
{
	my $fh = open_text($opencc_file);
	while (my $line = <$fh>)
	{
		chomp $line;
		my ($from, $to) = split /\t/, $line;
		next unless defined $to && length($from) == 1;
		my ($first) = split / /, $to;
		next unless defined $first && length($first) == 1;
		$opencc{$from} = 1;
		$fold{ord $from} = ord $first if $first ne $from;
	}
	close $fh;
	die "no entries in $opencc_file\n" unless %opencc;
}

# --- Unihan readings ------------------------------------------------------
my %reading;		# code point -> { field -> first toneless reading }
my %standard;		# code point -> 1 if in the 2013 standard list
{
	my $fh = open_text($readings_file);
	while (my $line = <$fh>)
	{
		next unless $line =~ /^U\+([0-9A-F]+)\t(kMandarin|kXHC1983|kHanyuPinyin|kTGHZ2013)\t(.*)$/;
		my ($cp, $field, $value) = (hex $1, $2, $3);
		$standard{$cp} = 1 if $field eq 'kTGHZ2013';
		# kMandarin: "pīn pìn"; the others: "0001.010:pīn,pìn 0002.020:..."
		my ($first) = split / /, $value;
		$first =~ s/^[^:]*://;
		($first) = split /,/, $first;
		my $syllable = toneless($first);
		$reading{$cp}{$field} = $syllable if defined $syllable;
	}
	close $fh;
	die "no readings in $readings_file\n" unless %reading;
}

# --- Unihan variants: fill in what OpenCC leaves alone --------------------
{
	my (%simplified, %zvariant);
	my $fh = open_text($variants_file);
	while (my $line = <$fh>)
	{
		next unless $line =~ /^U\+([0-9A-F]+)\t(kSimplifiedVariant|kZVariant)\t(.*)$/;
		my ($cp, $field, $value) = (hex $1, $2, $3);
		my @to = map { hex } ($value =~ /U\+([0-9A-F]+)/g);
		($field eq 'kSimplifiedVariant' ? \%simplified : \%zvariant)->{$cp} = \@to;
	}
	close $fh;
	for my $cp (sort { $a <=> $b } (keys %simplified, keys %zvariant))
	{
		next if $opencc{chr $cp} || exists $fold{$cp} || $standard{$cp};
		for my $to (@{$simplified{$cp} || []}, @{$zvariant{$cp} || []})
		{
			my $target = $fold{$to} // $to;
			if ($target != $cp && $standard{$target})
			{
				$fold{$cp} = $target;
				last;
			}
		}
	}
}

# --- compatibility ideographs and radicals -------------------------------
{
	my $fh = open_text($ucd_file);
	while (my $line = <$fh>)
	{
		my @f = split /;/, $line;
		next unless @f > 5 && $f[5] =~ /^(?:<compat> )?([0-9A-F]{4,6})$/;
		my ($cp, $to) = (hex $f[0], hex $1);
		my $is_compat_ideograph = ($cp >= 0xF900 && $cp <= 0xFAFF) || ($cp >= 0x2F800 && $cp <= 0x2FA1F);
		my $is_radical = $cp >= 0x2E80 && $cp <= 0x2FDF;
		next unless $is_compat_ideograph || $is_radical;
		next unless ($to >= 0x3400 && $to <= 0x9FFF) || ($to >= 0x20000 && $to < $LIMIT);
		$fold{$cp} = $to unless exists $fold{$cp};
	}
	close $fh;
}

# Follow chains (薴 -> 苧 -> 苎) to the end.
for my $cp (keys %fold)
{
	my $to = $fold{$cp};
	for (1 .. 8)
	{
		last unless exists $fold{$to} && $fold{$to} != $to;
		$to = $fold{$to};
	}
	$fold{$cp} = $to;
}
delete $fold{$_} for grep { $fold{$_} == $_ } keys %fold;

# --- pinyin per code point -----------------------------------------------
my %pinyin;
for my $cp (keys %reading)
{
	for my $field (qw(kMandarin kXHC1983 kHanyuPinyin kTGHZ2013))
	{
		if (defined $reading{$cp}{$field})
		{
			$pinyin{$cp} = $reading{$cp}{$field};
			last;
		}
	}
}
sub read_list
{
	my ($file) = @_;
	my @rows;
	my $fh = open_text($file);
	while (my $line = <$fh>)
	{
		chomp $line;
		next if $line =~ /^\s*(#|$)/;
		my @f = split /\t/, $line;
		die "$file:$.: expected characters, a tab and a reading\n" unless @f >= 2;
		push @rows, [$f[0], $f[1]];
	}
	close $fh;
	return @rows;
}
for my $row (read_list($extra_file))
{
	my ($char, $py) = @$row;
	my $syllable = toneless($py) // die "$extra_file: bad reading \"$py\"\n";
	$pinyin{ord $char} //= $syllable;
}

# --- surnames ------------------------------------------------------------
my @surnames;
for my $row (read_list($surname_file))
{
	my ($chars, $py) = @$row;
	my @c = split //, $chars;
	my @s = map { toneless($_) // die "$surname_file: bad reading \"$_\"\n" } split / /, $py;
	die "$surname_file: \"$chars\" has " . scalar(@c) . " characters but " . scalar(@s) . " syllables\n"
		unless @c == @s && (@c == 1 || @c == 2);
	push @surnames, [ord $c[0], @c > 1 ? ord $c[1] : 0, @s];
}
@surnames = sort { $a->[0] <=> $b->[0] || $a->[1] <=> $b->[1] } @surnames;
for my $i (1 .. $#surnames)
{
	die "$surname_file: duplicate surname\n"
		if $surnames[$i][0] == $surnames[$i - 1][0] && $surnames[$i][1] == $surnames[$i - 1][1];
}

# --- syllable table ------------------------------------------------------
my %syllables = ('' => 1);
$syllables{$_} = 1 for values %pinyin;
$syllables{$_} = 1 for map { @$_[2 .. $#$_] } @surnames;
$syllables{fuzzy($_)} = 1 for grep { $_ ne '' } keys %syllables;
my @syllable = sort keys %syllables;
my %syllable_id;
$syllable_id{$syllable[$_]} = $_ for 0 .. $#syllable;
die "too many syllables\n" if @syllable > 65535;

# --- output --------------------------------------------------------------
my $out = '';

sub emit { $out .= join('', @_); }

sub two_level
{
	my ($name, $map, $value_of) = @_;
	my (@index, @pages, %page_id);
	my $empty = join(',', (0) x 256);

	push @pages, $empty;
	$page_id{$empty} = 0;
	for my $hi (0 .. ($LIMIT >> 8) - 1)
	{
		my @v = map { exists $map->{($hi << 8) | $_} ? $value_of->($map->{($hi << 8) | $_}) : 0 } 0 .. 255;
		my $key = join(',', @v);
		unless (exists $page_id{$key})
		{
			$page_id{$key} = scalar @pages;
			push @pages, $key;
		}
		push @index, $page_id{$key};
	}
	die "too many pages in $name\n" if @pages > 65535;
	emit("const uint16_t nz_${name}_index[NZ_TABLE_LIMIT >> 8] = {\n");
	for (my $i = 0; $i < @index; $i += 16)
	{
		emit("\t", join(', ', @index[$i .. ($i + 15 > $#index ? $#index : $i + 15)]), ",\n");
	}
	emit("};\n\n");
	emit("const uint16_t nz_${name}_page[", scalar(@pages), "][256] = {\n");
	for my $p (@pages)
	{
		my @v = split /,/, $p;
		emit("\t{\n");
		for (my $i = 0; $i < 256; $i += 16)
		{
			emit("\t\t", join(', ', @v[$i .. $i + 15]), ",\n");
		}
		emit("\t},\n");
	}
	emit("};\n\n");
	return scalar @pages;
}

emit("/*\n * normalize_tables.c\n *\t\tGENERATED by src/data/normalize_tables.pl at build time; do not edit.\n");
emit(" *\t\tSources: OpenCC TSCharacters, Unihan (Readings, Variants), UnicodeData,\n");
emit(" *\t\tsrc/data/surnames.txt, src/data/readings_extra.txt.\n */\n");
emit("#include \"normalize_tables.h\"\n\n");

emit("/* toneless syllables, sorted; 0 is none */\n");
emit("const int nz_syllable_count = ", scalar(@syllable), ";\n");
emit("const char nz_syllable[", scalar(@syllable), "][8] = {\n");
for (my $i = 0; $i < @syllable; $i += 8)
{
	emit("\t", join(', ', map { "\"$_\"" } @syllable[$i .. ($i + 7 > $#syllable ? $#syllable : $i + 7)]), ",\n");
}
emit("};\n\n");
emit("/* each syllable folded by the fuzzy rules */\n");
emit("const uint16_t nz_syllable_fuzzy[", scalar(@syllable), "] = {\n");
for (my $i = 0; $i < @syllable; $i += 16)
{
	my @ids = map { $_ eq '' ? 0 : $syllable_id{fuzzy($_)} } @syllable[$i .. ($i + 15 > $#syllable ? $#syllable : $i + 15)];
	emit("\t", join(', ', @ids), ",\n");
}
emit("};\n\n");

my %pinyin_in = map { $_ => $pinyin{$_} } grep { $_ < $LIMIT } keys %pinyin;
emit("/* code point -> syllable id */\n");
my $pinyin_pages = two_level('pinyin', \%pinyin_in, sub { $syllable_id{$_[0]} });

my @fold_values = (0);
my %fold_value_id;
my %fold_in = map { $_ => $fold{$_} } grep { $_ < $LIMIT } keys %fold;
for my $cp (sort { $a <=> $b } keys %fold_in)
{
	my $to = $fold_in{$cp};
	unless (exists $fold_value_id{$to})
	{
		$fold_value_id{$to} = scalar @fold_values;
		push @fold_values, $to;
	}
}
die "too many fold values\n" if @fold_values > 65535;
emit("/* code point -> index into nz_fold_value */\n");
my $fold_pages = two_level('fold', \%fold_in, sub { $fold_value_id{$_[0]} });
emit("const uint32_t nz_fold_value[", scalar(@fold_values), "] = {\n");
for (my $i = 0; $i < @fold_values; $i += 8)
{
	emit("\t", join(', ', map { sprintf('0x%05X', $_) } @fold_values[$i .. ($i + 7 > $#fold_values ? $#fold_values : $i + 7)]), ",\n");
}
emit("};\n\n");

emit("/* surnames, sorted by (first, second) */\n");
emit("const int nz_surname_count = ", scalar(@surnames), ";\n");
emit("const NzSurname nz_surname[", scalar(@surnames), "] = {\n");
for my $s (@surnames)
{
	emit(sprintf("\t{0x%05X, 0x%05X, {%d, %d}},\t/* %s */\n", $s->[0], $s->[1],
				 $syllable_id{$s->[2]}, defined $s->[3] ? $syllable_id{$s->[3]} : 0,
				 join(' ', @$s[2 .. $#$s])));
}
emit("};\n");

print $out;
printf STDERR "normalize_tables: %d syllables, %d readings (%d pages), %d folds (%d pages), %d surnames\n",
	scalar(@syllable), scalar(keys %pinyin_in), $pinyin_pages, scalar(keys %fold_in), $fold_pages,
	scalar(@surnames);
