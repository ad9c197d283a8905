//! `seq`.

use super::*;

pub fn seq(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    let nums: Vec<f64> = match args.iter().map(|a| a.parse::<f64>()).collect() {
        Ok(v) => v,
        Err(_) => {
            let bad = args
                .iter()
                .find(|a| a.parse::<f64>().is_err())
                .cloned()
                .unwrap_or_default();
            p.errln(format!("invalid floating point argument: '{bad}'"));
            p.out.errln("Try 'seq --help' for more information.");
            return Ok(1);
        }
    };
    let (first, step, last) = match nums.as_slice() {
        [l] => (1.0, 1.0, *l),
        [f, l] => (*f, 1.0, *l),
        [f, s, l] => (*f, *s, *l),
        _ => {
            p.errln("missing operand");
            p.out.errln("Try 'seq --help' for more information.");
            return Ok(1);
        }
    };
    if step == 0.0 {
        p.errln("invalid Zero increment value: '0'");
        return Ok(1);
    }
    let mut x = first;
    let mut n = 0;
    while (step > 0.0 && x <= last) || (step < 0.0 && x >= last) {
        n += 1;
        if n > 100_000 || p.out.stdout().len() > super::OUTPUT_CAP {
            return Err(Flow::OutputCap);
        }
        p.out.outln(if x.fract() == 0.0 {
            format!("{}", x as i64)
        } else {
            format!("{x}")
        });
        x += step;
    }
    Ok(0)
}
