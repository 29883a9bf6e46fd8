SET DECIMAL=DOT.
GET DATA /TYPE=TXT /FILE='data/own-files/survey-wide-for-pspp.csv' /ENCODING='UTF-8' /ARRANGEMENT=DELIMITED /DELCASE=LINE /FIRSTCASE=2 /DELIMITERS=','
  /VARIABLES=id A8 age_band A8 gender A8 stratum A4 cluster A8 weight F12.6 q_sale_alert F1.0 q_repurchase_reminder F1.0 q_birthday_offer F1.0 q_in_aisle_offer F1.0 q_retargeted_ad_unknown_brand F1.0 q_overheard_coffee_ad F1.0.
VARIABLE LABELS q_sale_alert 'A brand you shop with tells you when items go on sale' /q_repurchase_reminder 'A reminder to buy again' /q_birthday_offer 'A birthday offer' /q_in_aisle_offer 'An offer while you browse the aisles' /q_retargeted_ad_unknown_brand 'An ad from a brand you never bought from' /q_overheard_coffee_ad 'A coffee ad after you talked about coffee'.
VALUE LABELS q_sale_alert q_repurchase_reminder q_birthday_offer q_in_aisle_offer q_retargeted_ad_unknown_brand q_overheard_coffee_ad 1 'Very creepy' 2 'Creepy' 3 'Neither' 4 'Helpful' 5 'Very helpful' 9 'Don''t know'.
MISSING VALUES q_sale_alert q_repurchase_reminder q_birthday_offer q_in_aisle_offer q_retargeted_ad_unknown_brand q_overheard_coffee_ad (9).
SAVE OUTFILE='data/own-files/survey-pspp.sav' /COMPRESSED.
