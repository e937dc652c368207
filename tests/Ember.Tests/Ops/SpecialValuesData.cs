namespace Ember.Tests.Ops;

/// <summary>
/// PyTorch 1.13's outputs for NaN, ±∞, ±0, denormal and extreme inputs (generated once, float32 and float64).
/// Lines: <c>input;dtype;values</c> (the unary inputs), <c>unary;op;dtype;outputs</c>, <c>pair;dtype;a;b</c>
/// (the binary operands), <c>binary;op;dtype;outputs</c>, <c>row;dtype;name;values</c> (a reduced slice;
/// names ending in t repeat the slice to 37+ elements so vector paths run) and
/// <c>reduce;op;dtype;row;outputs</c>. Values: NaN, Inf, -Inf, -0, T/F for bools, else decimal.
/// </summary>
internal static class SpecialValuesData
{
    public const string Text = """
        input;f32;NaN Inf -Inf 0 -0 1e-45 -1e-45 1.1754944e-38 3.4e+38 -3.4e+38 1.0 -1.0 0.5 -0.5 2.5 -2.5 20.0 -20.0 88.5 -88.5 100.0 -100.0 1e-08 -1e-08
        unary;abs;f32;NaN Inf Inf 0 0 1e-45 1e-45 1.1754944e-38 3.4e+38 3.4e+38 1.0 1.0 0.5 0.5 2.5 2.5 20.0 20.0 88.5 88.5 100.0 100.0 1e-08 1e-08
        unary;neg;f32;NaN -Inf Inf -0 0 -1e-45 1e-45 -1.1754944e-38 -3.4e+38 3.4e+38 -1.0 1.0 -0.5 0.5 -2.5 2.5 -20.0 20.0 -88.5 88.5 -100.0 100.0 -1e-08 1e-08
        unary;exp;f32;NaN Inf 0 1.0 1.0 1.0 1.0 1.0 Inf 0 2.7182817 0.36787945 1.6487212 0.60653067 12.182494 0.082085 485165200.0 2.0611537e-09 2.723088e+38 3.672302e-39 Inf 3.8e-44 1.0 1.0
        unary;log;f32;NaN Inf NaN -Inf -Inf -103.27893 NaN -87.33655 88.72201 NaN 0 NaN -0.6931472 NaN 0.91629076 NaN 2.9957323 NaN 4.4830027 NaN 4.6051702 NaN -18.420681 NaN
        unary;log1p;f32;NaN Inf NaN 0 -0 0 0 1.1754944e-38 Inf NaN 0.6931472 -Inf 0.4054651 -0.6931472 1.2527629 NaN 3.0445225 NaN 4.494239 NaN 4.6151204 NaN 1e-08 -1e-08
        unary;sqrt;f32;NaN Inf NaN 0 -0 3.743392e-23 NaN 1.0842022e-19 1.8439089e+19 NaN 1.0 NaN 0.70710677 NaN 1.5811388 NaN 4.472136 NaN 9.407444 NaN 10.0 NaN 1e-04 NaN
        unary;rsqrt;f32;NaN 0 NaN Inf -Inf 2.6713738e+22 NaN 9.223372e+18 5.423261e-20 NaN 1.0 NaN 1.4142135 NaN 0.6324555 NaN 0.2236068 NaN 0.1062988 NaN 0.1 NaN 10000.0 NaN
        unary;sin;f32;NaN NaN NaN 0 -0 1e-45 -1e-45 1.1754944e-38 -0.24408488 0.24408488 0.84147096 -0.84147096 0.47942555 -0.47942555 0.5984721 -0.5984721 0.9129453 -0.9129453 0.51019 -0.51019 -0.50636566 0.50636566 1e-08 -1e-08
        unary;cos;f32;NaN NaN NaN 1.0 1.0 1.0 1.0 1.0 0.96975386 0.96975386 0.54030234 0.54030234 0.87758255 0.87758255 -0.8011436 -0.8011436 0.40808207 0.40808207 0.8600617 0.8600617 0.8623189 0.8623189 1.0 1.0
        unary;tanh;f32;NaN 1.0 -1.0 0 -0 1e-45 -1e-45 1.1754944e-38 1.0 -1.0 0.7615942 -0.7615942 0.46211717 -0.46211717 0.9866143 -0.9866143 1.0 -1.0 1.0 -1.0 1.0 -1.0 1e-08 -1e-08
        unary;sigmoid;f32;NaN 1.0 0 0.5 0.5 0.5 0.5 0.5 1.0 0 0.7310586 0.26894143 0.62245935 0.37754068 0.9241418 0.075858176 1.0 2.0611537e-09 1.0 3.672302e-39 1.0 0 0.5 0.5
        unary;relu;f32;NaN Inf 0 0 -0 1e-45 0 1.1754944e-38 3.4e+38 0 1.0 0 0.5 0 2.5 0 20.0 0 88.5 0 100.0 0 1e-08 0
        unary;sign;f32;0 1.0 -1.0 0 0 1.0 -1.0 1.0 1.0 -1.0 1.0 -1.0 1.0 -1.0 1.0 -1.0 1.0 -1.0 1.0 -1.0 1.0 -1.0 1.0 -1.0
        unary;elu;f32;NaN Inf -1.0 0 0 1e-45 0 1.1754944e-38 3.4e+38 -1.0 1.0 -0.63212055 0.5 -0.39346933 2.5 -0.917915 20.0 -1.0 88.5 -1.0 100.0 -1.0 1e-08 0
        unary;elu(0.5);f32;NaN Inf -0.5 0 0 1e-45 0 1.1754944e-38 3.4e+38 -0.5 1.0 -0.31606027 0.5 -0.19673467 2.5 -0.4589575 20.0 -0.5 88.5 -0.5 100.0 -0.5 1e-08 0
        unary;gelu;f32;NaN Inf NaN 0 0 0 0 5.877472e-39 3.4e+38 0 0.8413447 -0.15865529 0.3457312 -0.15426879 2.4844759 -0.015524179 20.0 0 88.5 0 100.0 0 5e-09 -5e-09
        unary;gelu(tanh);f32;NaN Inf NaN 0 -0 0 -0 5.877472e-39 3.4e+38 -0 0.841192 -0.158808 0.345714 -0.154286 2.4849157 -0.015084296 20.0 -0 88.5 -0 100.0 -0 5e-09 -5e-09
        unary;leaky_relu;f32;NaN Inf -Inf 0 -0 1e-45 -0 1.1754944e-38 3.4e+38 -3.4e+36 1.0 -0.01 0.5 -0.005 2.5 -0.024999999 20.0 -0.19999999 88.5 -0.885 100.0 -1.0 1e-08 -9.9999994e-11
        unary;leaky_relu(0.2);f32;NaN Inf -Inf 0 -0 1e-45 -0 1.1754944e-38 3.4e+38 -6.8e+37 1.0 -0.2 0.5 -0.1 2.5 -0.5 20.0 -4.0 88.5 -17.7 100.0 -20.0 1e-08 -2e-09
        unary;silu;f32;NaN Inf NaN 0 -0 0 -0 5.877472e-39 3.4e+38 -0 0.7310586 -0.26894143 0.31122968 -0.18877034 2.3103545 -0.18964545 20.0 -4.1223075e-08 88.5 -3.249987e-37 100.0 -0 5e-09 -5e-09
        unary;softplus;f32;NaN Inf 0 0.6931472 0.6931472 0.6931472 0.6931472 0.6931472 3.4e+38 0 1.3132616 0.3132617 0.974077 0.474077 2.5788898 0.078889735 20.0 2.0611537e-09 88.5 3.672302e-39 100.0 3.8e-44 0.6931472 0.6931472
        unary;softplus(2,5);f32;NaN Inf 0 0.3465736 0.3465736 0.3465736 0.3465736 0.3465736 3.4e+38 0 1.063464 0.06346401 0.6566308 0.15663084 2.5033576 0.0033576742 20.0 2.124177e-18 88.5 0 100.0 0 0.3465736 0.3465736
        unary;prelu(0.25);f32;NaN Inf -Inf 0 -0 1e-45 -0 1.1754944e-38 3.4e+38 -8.5e+37 1.0 -0.25 0.5 -0.125 2.5 -0.625 20.0 -5.0 88.5 -22.125 100.0 -25.0 1e-08 -2.5e-09
        unary;clamp(-1,1);f32;NaN 1.0 -1.0 0 -0 1e-45 -1e-45 1.1754944e-38 1.0 -1.0 1.0 -1.0 0.5 -0.5 1.0 -1.0 1.0 -1.0 1.0 -1.0 1.0 -1.0 1e-08 -1e-08
        unary;clamp_min(0);f32;NaN Inf 0 0 -0 1e-45 0 1.1754944e-38 3.4e+38 0 1.0 0 0.5 0 2.5 0 20.0 0 88.5 0 100.0 0 1e-08 0
        unary;clamp_max(0);f32;NaN 0 -Inf 0 -0 0 -1e-45 0 0 -3.4e+38 0 -1.0 0 -0.5 0 -2.5 0 -20.0 0 -88.5 0 -100.0 0 -1e-08
        unary;clamp(nan,);f32;NaN Inf -Inf 0 -0 1e-45 -1e-45 1.1754944e-38 3.4e+38 -3.4e+38 1.0 -1.0 0.5 -0.5 2.5 -2.5 20.0 -20.0 88.5 -88.5 100.0 -100.0 1e-08 -1e-08
        unary;clamp(,nan);f32;NaN Inf -Inf 0 -0 1e-45 -1e-45 1.1754944e-38 3.4e+38 -3.4e+38 1.0 -1.0 0.5 -0.5 2.5 -2.5 20.0 -20.0 88.5 -88.5 100.0 -100.0 1e-08 -1e-08
        unary;clamp(nan,nan);f32;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        unary;clamp(0,nan);f32;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        unary;clamp(nan,0);f32;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        unary;clamp_min(nan);f32;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        unary;clamp_max(nan);f32;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        unary;clamp(2,1);f32;NaN 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0
        unary;pow(x,0);f32;1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0
        unary;pow(x,0.5);f32;NaN Inf NaN 0 -0 3.743392e-23 NaN 1.0842022e-19 1.8439089e+19 NaN 1.0 NaN 0.70710677 NaN 1.5811388 NaN 4.472136 NaN 9.407444 NaN 10.0 NaN 1e-04 NaN
        unary;pow(x,-0.5);f32;NaN 0 NaN Inf -Inf 2.6713738e+22 NaN 9.223372e+18 5.423261e-20 NaN 1.0 NaN 1.4142135 NaN 0.6324555 NaN 0.2236068 NaN 0.1062988 NaN 0.1 NaN 10000.0 NaN
        unary;pow(x,1.0);f32;NaN Inf -Inf 0 -0 1e-45 -1e-45 1.1754944e-38 3.4e+38 -3.4e+38 1.0 -1.0 0.5 -0.5 2.5 -2.5 20.0 -20.0 88.5 -88.5 100.0 -100.0 1e-08 -1e-08
        unary;pow(x,2.0);f32;NaN Inf Inf 0 0 0 0 0 Inf Inf 1.0 1.0 0.25 0.25 6.25 6.25 400.0 400.0 7832.25 7832.25 10000.0 10000.0 1e-16 1e-16
        unary;pow(x,3.0);f32;NaN Inf -Inf 0 -0 0 -0 0 Inf -Inf 1.0 -1.0 0.125 -0.125 15.625 -15.625 8000.0 -8000.0 693154.1 -693154.1 1000000.0 -1000000.0 1e-24 -1e-24
        unary;pow(x,-1.0);f32;NaN 0 -0 Inf -Inf Inf -Inf 8.507059e+37 2.941177e-39 -2.941177e-39 1.0 -1.0 2.0 -2.0 0.4 -0.4 0.05 -0.05 0.011299435 -0.011299435 0.01 -0.01 100000000.0 -100000000.0
        unary;pow(x,-2.0);f32;NaN 0 0 Inf Inf Inf Inf Inf 0 0 1.0 1.0 4.0 4.0 0.16 0.16 0.0025 0.0025 0.00012767724 0.00012767724 1e-04 1e-04 1e+16 1e+16
        unary;pow(x,2.5);f32;NaN Inf Inf 0 0 0 NaN 0 Inf NaN 1.0 NaN 0.17677669 NaN 9.882117 NaN 1788.8544 NaN 73681.45 NaN 100000.0 NaN 1e-20 NaN
        unary;pow(x,-2.5);f32;NaN 0 0 Inf Inf Inf NaN Inf 0 NaN 1.0 NaN 5.656854 NaN 0.101192884 NaN 0.000559017 NaN 1.35719365e-05 NaN 1e-05 NaN 1e+20 NaN
        unary;pow(x,0.3333333333333333);f32;NaN Inf Inf 0 0 1.1190335e-15 NaN 2.2737347e-13 6979538400000.0 NaN 1.0 NaN 0.7937005 NaN 1.3572088 NaN 2.7144177 NaN 4.4563684 NaN 4.6415887 NaN 0.0021544348 NaN
        unary;pow(x,4.0);f32;NaN Inf Inf 0 0 0 0 0 Inf Inf 1.0 1.0 0.0625 0.0625 39.0625 39.0625 160000.0 160000.0 61344140.0 61344140.0 100000000.0 100000000.0 9.9999995e-33 9.9999995e-33
        unary;pow(x,-3.0);f32;NaN 0 -0 Inf -Inf Inf -Inf Inf 0 -0 1.0 -1.0 8.0 -8.0 0.064 -0.064 0.000125 -0.000125 1.4426806e-06 -1.4426806e-06 1e-06 -1e-06 1e+24 -1e+24
        unary;pow(x,Inf);f32;NaN Inf Inf 0 0 0 0 0 Inf Inf 1.0 1.0 0 0 Inf Inf Inf Inf Inf Inf Inf Inf 0 0
        unary;pow(x,-Inf);f32;NaN 0 0 Inf Inf Inf Inf Inf 0 0 1.0 1.0 Inf Inf 0 0 0 0 0 0 0 0 Inf Inf
        unary;pow(x,NaN);f32;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN 1.0 NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        unary;pow(0,x);f32;NaN 0 Inf 1.0 1.0 0 Inf 0 0 Inf 0 Inf 0 Inf 0 Inf 0 Inf 0 Inf 0 Inf 0 Inf
        unary;pow(-0,x);f32;NaN 0 Inf 1.0 1.0 0 Inf 0 0 Inf -0 -Inf 0 Inf 0 Inf 0 Inf 0 Inf 0 Inf 0 Inf
        unary;pow(1.0,x);f32;1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0
        unary;pow(-1.0,x);f32;NaN 1.0 1.0 1.0 1.0 NaN NaN NaN 1.0 1.0 -1.0 -1.0 NaN NaN NaN NaN 1.0 1.0 NaN NaN 1.0 1.0 NaN NaN
        unary;pow(2.0,x);f32;NaN Inf 0 1.0 1.0 1.0 1.0 1.0 Inf 0 2.0 0.5 1.4142135 0.70710677 5.656854 0.17677669 1048576.0 9.536743e-07 4.376779e+26 2.2847852e-27 1.2676506e+30 7.888609e-31 1.0 1.0
        unary;pow(-2.0,x);f32;NaN Inf 0 1.0 1.0 NaN NaN NaN Inf 0 -2.0 -0.5 NaN NaN NaN NaN 1048576.0 9.536743e-07 NaN NaN 1.2676506e+30 7.888609e-31 NaN NaN
        unary;pow(0.5,x);f32;NaN 0 Inf 1.0 1.0 1.0 1.0 1.0 0 Inf 0.5 2.0 0.70710677 1.4142135 0.17677669 5.656854 9.536743e-07 1048576.0 2.2847852e-27 4.376779e+26 7.888609e-31 1.2676506e+30 1.0 1.0
        unary;pow(Inf,x);f32;NaN Inf 0 1.0 1.0 Inf 0 Inf Inf 0 Inf 0 Inf 0 Inf 0 Inf 0 Inf 0 Inf 0 Inf 0
        unary;pow(-Inf,x);f32;NaN Inf 0 1.0 1.0 Inf 0 Inf Inf 0 -Inf -0 Inf 0 Inf 0 Inf 0 Inf 0 Inf 0 Inf 0
        unary;pow(NaN,x);f32;NaN NaN NaN 1.0 1.0 NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        input;f64;NaN Inf -Inf 0 -0 5e-324 -5e-324 2.2250738585072014e-308 1.7e+308 -1.7e+308 1.0 -1.0 0.5 -0.5 2.5 -2.5 20.0 -20.0 710.0 -710.0 800.0 -800.0 1e-17 -1e-17
        unary;abs;f64;NaN Inf Inf 0 0 5e-324 5e-324 2.2250738585072014e-308 1.7e+308 1.7e+308 1.0 1.0 0.5 0.5 2.5 2.5 20.0 20.0 710.0 710.0 800.0 800.0 1e-17 1e-17
        unary;neg;f64;NaN -Inf Inf -0 0 -5e-324 5e-324 -2.2250738585072014e-308 -1.7e+308 1.7e+308 -1.0 1.0 -0.5 0.5 -2.5 2.5 -20.0 20.0 -710.0 710.0 -800.0 800.0 -1e-17 1e-17
        unary;exp;f64;NaN Inf 0 1.0 1.0 1.0 1.0 1.0 Inf 0 2.718281828459045 0.36787944117144233 1.6487212707001282 0.6065306597126334 12.182493960703473 0.0820849986238988 485165195.4097903 2.061153622438558e-09 Inf 4.47628622567513e-309 Inf 0 1.0 1.0
        unary;log;f64;NaN Inf NaN -Inf -Inf -744.4400719213812 NaN -708.3964185322641 709.7268368932282 NaN 0 NaN -0.6931471805599453 NaN 0.9162907318741551 NaN 2.995732273553991 NaN 6.565264970035361 NaN 6.684611727667927 NaN -39.14394658089878 NaN
        unary;log1p;f64;NaN Inf NaN 0 -0 0 0 2.2250738585072014e-308 Inf NaN 0.6931471805599453 -Inf 0.4054651081081644 -0.6931471805599453 1.252762968495368 NaN 3.044522437723423 NaN 6.566672429803241 NaN 6.68586094706836 NaN 1e-17 -1e-17
        unary;sqrt;f64;NaN Inf NaN 0 -0 2.2227587494850775e-162 NaN 1.4916681462400413e-154 1.3038404810405297e+154 NaN 1.0 NaN 0.7071067811865476 NaN 1.5811388300841898 NaN 4.47213595499958 NaN 26.645825188948457 NaN 28.284271247461902 NaN 3.1622776601683795e-09 NaN
        unary;rsqrt;f64;NaN 0 NaN Inf -Inf 4.4989137945431964e+161 NaN 6.703903964971299e+153 7.669649888473705e-155 NaN 1.0 NaN 1.414213562373095 NaN 0.6324555320336759 NaN 0.22360679774997896 NaN 0.037529331252040075 NaN 0.035355339059327376 NaN 316227766.0168379 NaN
        unary;sin;f64;NaN NaN NaN 0 -0 5e-324 -5e-324 2.2250738585072014e-308 -0.5952560848632077 0.5952560848632077 0.8414709848078965 -0.8414709848078965 0.479425538604203 -0.479425538604203 0.5984721441039564 -0.5984721441039564 0.9129452507276277 -0.9129452507276277 6.0288706691585265e-05 -6.0288706691585265e-05 0.8939696481970214 -0.8939696481970214 1e-17 -1e-17
        unary;cos;f64;NaN NaN NaN 1.0 1.0 1.0 1.0 1.0 0.803536056087918 0.803536056087918 0.5403023058681398 0.5403023058681398 0.8775825618903728 0.8775825618903728 -0.8011436155469337 -0.8011436155469337 0.40808206181339196 0.40808206181339196 0.999999998182636 0.999999998182636 -0.44812751321749233 -0.44812751321749233 1.0 1.0
        unary;tanh;f64;NaN 1.0 -1.0 0 -0 5e-324 -5e-324 2.2250738585072014e-308 1.0 -1.0 0.7615941559557649 -0.7615941559557649 0.46211715726000974 -0.46211715726000974 0.9866142981514303 -0.9866142981514303 1.0 -1.0 1.0 -1.0 1.0 -1.0 1e-17 -1e-17
        unary;sigmoid;f64;NaN 1.0 0 0.5 0.5 0.5 0.5 0.5 1.0 0 0.7310585786300049 0.2689414213699951 0.6224593312018546 0.3775406687981454 0.9241418199787566 0.07585818002124355 0.9999999979388463 2.0611536181902037e-09 1.0 0 1.0 0 0.5 0.5
        unary;relu;f64;NaN Inf 0 0 -0 5e-324 0 2.2250738585072014e-308 1.7e+308 0 1.0 0 0.5 0 2.5 0 20.0 0 710.0 0 800.0 0 1e-17 0
        unary;sign;f64;0 1.0 -1.0 0 0 1.0 -1.0 1.0 1.0 -1.0 1.0 -1.0 1.0 -1.0 1.0 -1.0 1.0 -1.0 1.0 -1.0 1.0 -1.0 1.0 -1.0
        unary;elu;f64;NaN Inf -1.0 0 0 5e-324 0 2.2250738585072014e-308 1.7e+308 -1.0 1.0 -0.6321205588285577 0.5 -0.3934693402873666 2.5 -0.9179150013761012 20.0 -0.9999999979388464 710.0 -1.0 800.0 -1.0 1e-17 0
        unary;elu(0.5);f64;NaN Inf -0.5 0 0 5e-324 0 2.2250738585072014e-308 1.7e+308 -0.5 1.0 -0.31606027941427883 0.5 -0.1967346701436833 2.5 -0.4589575006880506 20.0 -0.4999999989694232 710.0 -0.5 800.0 -0.5 1e-17 0
        unary;gelu;f64;NaN Inf NaN 0 -0 0 -0 1.1125369292536007e-308 1.7e+308 -0 0.841344746068543 -0.15865525393145702 0.34573123063700656 -0.15426876936299344 2.4844758366855597 -0.015524163314440398 20.0 -0 710.0 -0 800.0 -0 5e-18 -5e-18
        unary;gelu(tanh);f64;NaN Inf NaN 0 -0 0 -0 1.1125369292536007e-308 1.7e+308 -0 0.8411919906082768 -0.1588080093917233 0.34571400982514394 -0.15428599017485606 2.484915733910001 -0.015084266089998577 20.0 -0 710.0 -0 800.0 -0 5e-18 -5e-18
        unary;leaky_relu;f64;NaN Inf -Inf 0 -0 5e-324 -0 2.2250738585072014e-308 1.7e+308 -1.7e+306 1.0 -0.01 0.5 -0.005 2.5 -0.025 20.0 -0.2 710.0 -7.1000000000000005 800.0 -8.0 1e-17 -1.0000000000000001e-19
        unary;leaky_relu(0.2);f64;NaN Inf -Inf 0 -0 5e-324 -0 2.2250738585072014e-308 1.7e+308 -3.4000000000000003e+307 1.0 -0.2 0.5 -0.1 2.5 -0.5 20.0 -4.0 710.0 -142.0 800.0 -160.0 1e-17 -2e-18
        unary;silu;f64;NaN Inf NaN 0 -0 0 -0 1.1125369292536007e-308 1.7e+308 -0 0.7310585786300049 -0.2689414213699951 0.3112296656009273 -0.1887703343990727 2.3103545499468914 -0.18964545005310887 19.999999958776925 -4.122307236380407e-08 710.0 -0 800.0 -0 5e-18 -5e-18
        unary;softplus;f64;NaN Inf 0 0.6931471805599453 0.6931471805599453 0.6931471805599453 0.6931471805599453 0.6931471805599453 1.7e+308 0 1.3132616875182228 0.31326168751822286 0.9740769841801067 0.4740769841801067 2.5788897342925496 0.07888973429254963 20.000000002061153 2.061153620314381e-09 710.0 4.476286225675135e-309 800.0 0 0.6931471805599453 0.6931471805599453
        unary;softplus(2,5);f64;NaN Inf 0 0.34657359027997264 0.34657359027997264 0.34657359027997264 0.34657359027997264 0.34657359027997264 1.7e+308 0 1.0634640055214863 0.06346400552148625 0.6566308437591114 0.15663084375911143 2.503357674244559 0.003357674244559034 20.0 2.1241771276457944e-18 710.0 0 800.0 0 0.34657359027997264 0.34657359027997264
        unary;prelu(0.25);f64;NaN Inf -Inf 0 -0 5e-324 -0 2.2250738585072014e-308 1.7e+308 -4.25e+307 1.0 -0.25 0.5 -0.125 2.5 -0.625 20.0 -5.0 710.0 -177.5 800.0 -200.0 1e-17 -2.5e-18
        unary;clamp(-1,1);f64;NaN 1.0 -1.0 0 -0 5e-324 -5e-324 2.2250738585072014e-308 1.0 -1.0 1.0 -1.0 0.5 -0.5 1.0 -1.0 1.0 -1.0 1.0 -1.0 1.0 -1.0 1e-17 -1e-17
        unary;clamp_min(0);f64;NaN Inf 0 0 -0 5e-324 0 2.2250738585072014e-308 1.7e+308 0 1.0 0 0.5 0 2.5 0 20.0 0 710.0 0 800.0 0 1e-17 0
        unary;clamp_max(0);f64;NaN 0 -Inf 0 -0 0 -5e-324 0 0 -1.7e+308 0 -1.0 0 -0.5 0 -2.5 0 -20.0 0 -710.0 0 -800.0 0 -1e-17
        unary;clamp(nan,);f64;NaN Inf -Inf 0 -0 5e-324 -5e-324 2.2250738585072014e-308 1.7e+308 -1.7e+308 1.0 -1.0 0.5 -0.5 2.5 -2.5 20.0 -20.0 710.0 -710.0 800.0 -800.0 1e-17 -1e-17
        unary;clamp(,nan);f64;NaN Inf -Inf 0 -0 5e-324 -5e-324 2.2250738585072014e-308 1.7e+308 -1.7e+308 1.0 -1.0 0.5 -0.5 2.5 -2.5 20.0 -20.0 710.0 -710.0 800.0 -800.0 1e-17 -1e-17
        unary;clamp(nan,nan);f64;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        unary;clamp(0,nan);f64;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        unary;clamp(nan,0);f64;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        unary;clamp_min(nan);f64;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        unary;clamp_max(nan);f64;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        unary;clamp(2,1);f64;NaN 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0
        unary;pow(x,0);f64;1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0
        unary;pow(x,0.5);f64;NaN Inf NaN 0 -0 2.2227587494850775e-162 NaN 1.4916681462400413e-154 1.3038404810405297e+154 NaN 1.0 NaN 0.7071067811865476 NaN 1.5811388300841898 NaN 4.47213595499958 NaN 26.645825188948457 NaN 28.284271247461902 NaN 3.1622776601683795e-09 NaN
        unary;pow(x,-0.5);f64;NaN 0 NaN Inf -Inf 4.4989137945431964e+161 NaN 6.703903964971299e+153 7.669649888473705e-155 NaN 1.0 NaN 1.414213562373095 NaN 0.6324555320336759 NaN 0.22360679774997896 NaN 0.037529331252040075 NaN 0.035355339059327376 NaN 316227766.0168379 NaN
        unary;pow(x,1.0);f64;NaN Inf -Inf 0 -0 5e-324 -5e-324 2.2250738585072014e-308 1.7e+308 -1.7e+308 1.0 -1.0 0.5 -0.5 2.5 -2.5 20.0 -20.0 710.0 -710.0 800.0 -800.0 1e-17 -1e-17
        unary;pow(x,2.0);f64;NaN Inf Inf 0 0 0 0 0 Inf Inf 1.0 1.0 0.25 0.25 6.25 6.25 400.0 400.0 504100.0 504100.0 640000.0 640000.0 1.0000000000000001e-34 1.0000000000000001e-34
        unary;pow(x,3.0);f64;NaN Inf -Inf 0 -0 0 -0 0 Inf -Inf 1.0 -1.0 0.125 -0.125 15.625 -15.625 8000.0 -8000.0 357911000.0 -357911000.0 512000000.0 -512000000.0 1.0000000000000002e-51 -1.0000000000000002e-51
        unary;pow(x,-1.0);f64;NaN 0 -0 Inf -Inf Inf -Inf 4.49423283715579e+307 5.88235294117647e-309 -5.88235294117647e-309 1.0 -1.0 2.0 -2.0 0.4 -0.4 0.05 -0.05 0.0014084507042253522 -0.0014084507042253522 0.00125 -0.00125 1e+17 -1e+17
        unary;pow(x,-2.0);f64;NaN 0 0 Inf Inf Inf Inf Inf 0 0 1.0 1.0 4.0 4.0 0.16 0.16 0.0025 0.0025 1.9837333862328904e-06 1.9837333862328904e-06 1.5625e-06 1.5625e-06 9.999999999999998e+33 9.999999999999998e+33
        unary;pow(x,2.5);f64;NaN Inf Inf 0 0 0 NaN 0 Inf NaN 1.0 NaN 0.17677669529663687 NaN 9.882117688026186 NaN 1788.8543819998317 NaN 13432160.477748917 NaN 18101933.59837562 NaN 3.16227766016838e-43 NaN
        unary;pow(x,-2.5);f64;NaN 0 0 Inf Inf Inf NaN Inf 0 NaN 1.0 NaN 5.656854249492381 NaN 0.10119288512538814 NaN 0.0005590169943749475 NaN 7.44481873676653e-08 NaN 5.524271728019903e-08 NaN 3.1622776601683787e+42 NaN
        unary;pow(x,0.3333333333333333);f64;NaN Inf Inf 0 0 1.7031839360032837e-108 NaN 2.8126442852362986e-103 5.539658256754391e+102 NaN 1.0 NaN 0.7937005259840998 NaN 1.3572088082974532 NaN 2.7144176165949063 NaN 8.921121404456347 NaN 9.283177667225557 NaN 2.154434690031885e-06 NaN
        unary;pow(x,4.0);f64;NaN Inf Inf 0 0 0 0 0 Inf Inf 1.0 1.0 0.0625 0.0625 39.0625 39.0625 160000.0 160000.0 254116810000.0 254116810000.0 409600000000.0 409600000000.0 1.0000000000000003e-68 1.0000000000000003e-68
        unary;pow(x,-3.0);f64;NaN 0 -0 Inf -Inf Inf -Inf Inf 0 -0 1.0 -1.0 8.0 -8.0 0.064 -0.064 0.000125 -0.000125 2.7939906848350567e-09 -2.7939906848350567e-09 1.953125e-09 -1.953125e-09 9.999999999999998e+50 -9.999999999999998e+50
        unary;pow(x,Inf);f64;NaN Inf Inf 0 0 0 0 0 Inf Inf 1.0 1.0 0 0 Inf Inf Inf Inf Inf Inf Inf Inf 0 0
        unary;pow(x,-Inf);f64;NaN 0 0 Inf Inf Inf Inf Inf 0 0 1.0 1.0 Inf Inf 0 0 0 0 0 0 0 0 Inf Inf
        unary;pow(x,NaN);f64;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN 1.0 NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        unary;pow(0,x);f64;NaN 0 Inf 1.0 1.0 0 Inf 0 0 Inf 0 Inf 0 Inf 0 Inf 0 Inf 0 Inf 0 Inf 0 Inf
        unary;pow(-0,x);f64;NaN 0 Inf 1.0 1.0 0 Inf 0 0 Inf -0 -Inf 0 Inf 0 Inf 0 Inf 0 Inf 0 Inf 0 Inf
        unary;pow(1.0,x);f64;1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0
        unary;pow(-1.0,x);f64;NaN 1.0 1.0 1.0 1.0 NaN NaN NaN 1.0 1.0 -1.0 -1.0 NaN NaN NaN NaN 1.0 1.0 1.0 1.0 1.0 1.0 NaN NaN
        unary;pow(2.0,x);f64;NaN Inf 0 1.0 1.0 1.0 1.0 1.0 Inf 0 2.0 0.5 1.4142135623730951 0.7071067811865475 5.656854249492381 0.17677669529663687 1048576.0 9.5367431640625e-07 5.386379163185535e+213 1.856534732710117e-214 6.668014432879854e+240 1.499696813895631e-241 1.0 1.0
        unary;pow(-2.0,x);f64;NaN Inf 0 1.0 1.0 NaN NaN NaN Inf 0 -2.0 -0.5 NaN NaN NaN NaN 1048576.0 9.5367431640625e-07 5.386379163185535e+213 1.856534732710117e-214 6.668014432879854e+240 1.499696813895631e-241 NaN NaN
        unary;pow(0.5,x);f64;NaN 0 Inf 1.0 1.0 1.0 1.0 1.0 0 Inf 0.5 2.0 0.7071067811865475 1.4142135623730951 0.17677669529663687 5.656854249492381 9.5367431640625e-07 1048576.0 1.856534732710117e-214 5.386379163185535e+213 1.499696813895631e-241 6.668014432879854e+240 1.0 1.0
        unary;pow(Inf,x);f64;NaN Inf 0 1.0 1.0 Inf 0 Inf Inf 0 Inf 0 Inf 0 Inf 0 Inf 0 Inf 0 Inf 0 Inf 0
        unary;pow(-Inf,x);f64;NaN Inf 0 1.0 1.0 Inf 0 Inf Inf 0 -Inf -0 Inf 0 Inf 0 Inf 0 Inf 0 Inf 0 Inf 0
        unary;pow(NaN,x);f64;NaN NaN NaN 1.0 1.0 NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        pair;f32;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf 0 0 0 0 0 0 0 0 0 0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 -1.0 -1.0 -1.0 -1.0 -1.0 -1.0 -1.0 -1.0 -1.0 -1.0 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 -0.5 -0.5 -0.5 -0.5 -0.5 -0.5 -0.5 -0.5 -0.5 -0.5 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38;NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 3.4e+38 NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 3.4e+38 NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 3.4e+38 NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 3.4e+38 NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 3.4e+38 NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 3.4e+38 NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 3.4e+38 NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 3.4e+38 NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 3.4e+38 NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 3.4e+38
        binary;add;f32;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN Inf NaN Inf Inf Inf Inf Inf Inf Inf NaN NaN -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf NaN Inf -Inf 0 0 1.0 -1.0 2.5 -0.5 3.4e+38 NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 3.4e+38 NaN Inf -Inf 1.0 1.0 2.0 0 3.5 0.5 3.4e+38 NaN Inf -Inf -1.0 -1.0 0 -2.0 1.5 -1.5 3.4e+38 NaN Inf -Inf 2.5 2.5 3.5 1.5 5.0 2.0 3.4e+38 NaN Inf -Inf -0.5 -0.5 0.5 -1.5 2.0 -1.0 3.4e+38 NaN Inf -Inf 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 Inf
        binary;sub;f32;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN Inf Inf Inf Inf Inf Inf Inf Inf NaN -Inf NaN -Inf -Inf -Inf -Inf -Inf -Inf -Inf NaN -Inf Inf 0 0 -1.0 1.0 -2.5 0.5 -3.4e+38 NaN -Inf Inf -0 0 -1.0 1.0 -2.5 0.5 -3.4e+38 NaN -Inf Inf 1.0 1.0 0 2.0 -1.5 1.5 -3.4e+38 NaN -Inf Inf -1.0 -1.0 -2.0 0 -3.5 -0.5 -3.4e+38 NaN -Inf Inf 2.5 2.5 1.5 3.5 0 3.0 -3.4e+38 NaN -Inf Inf -0.5 -0.5 -1.5 0.5 -3.0 0 -3.4e+38 NaN -Inf Inf 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 0
        binary;mul;f32;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN Inf -Inf NaN NaN Inf -Inf Inf -Inf Inf NaN -Inf Inf NaN NaN -Inf Inf -Inf Inf -Inf NaN NaN NaN 0 -0 0 -0 0 -0 0 NaN NaN NaN -0 0 -0 0 -0 0 -0 NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 3.4e+38 NaN -Inf Inf -0 0 -1.0 1.0 -2.5 0.5 -3.4e+38 NaN Inf -Inf 0 -0 2.5 -2.5 6.25 -1.25 Inf NaN -Inf Inf -0 0 -0.5 0.5 -1.25 0.25 -1.7e+38 NaN Inf -Inf 0 -0 3.4e+38 -3.4e+38 Inf -1.7e+38 Inf
        binary;div;f32;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN Inf -Inf Inf -Inf Inf -Inf Inf NaN NaN NaN -Inf Inf -Inf Inf -Inf Inf -Inf NaN 0 -0 NaN NaN 0 -0 0 -0 0 NaN -0 0 NaN NaN -0 0 -0 0 -0 NaN 0 -0 Inf -Inf 1.0 -1.0 0.4 -2.0 2.941177e-39 NaN -0 0 -Inf Inf -1.0 1.0 -0.4 2.0 -2.941177e-39 NaN 0 -0 Inf -Inf 2.5 -2.5 1.0 -5.0 7.352941e-39 NaN -0 0 -Inf Inf -0.5 0.5 -0.2 1.0 -1.470588e-39 NaN 0 -0 Inf -Inf 3.4e+38 -3.4e+38 1.36e+38 -Inf 1.0
        binary;maximum;f32;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN Inf Inf Inf Inf Inf Inf Inf Inf Inf NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 3.4e+38 NaN Inf 0 0 -0 1.0 0 2.5 0 3.4e+38 NaN Inf -0 0 -0 1.0 -0 2.5 -0 3.4e+38 NaN Inf 1.0 1.0 1.0 1.0 1.0 2.5 1.0 3.4e+38 NaN Inf -1.0 0 -0 1.0 -1.0 2.5 -0.5 3.4e+38 NaN Inf 2.5 2.5 2.5 2.5 2.5 2.5 2.5 3.4e+38 NaN Inf -0.5 0 -0 1.0 -0.5 2.5 -0.5 3.4e+38 NaN Inf 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38
        binary;minimum;f32;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 3.4e+38 NaN -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf NaN 0 -Inf 0 -0 0 -1.0 0 -0.5 0 NaN -0 -Inf 0 -0 -0 -1.0 -0 -0.5 -0 NaN 1.0 -Inf 0 -0 1.0 -1.0 1.0 -0.5 1.0 NaN -1.0 -Inf -1.0 -1.0 -1.0 -1.0 -1.0 -1.0 -1.0 NaN 2.5 -Inf 0 -0 1.0 -1.0 2.5 -0.5 2.5 NaN -0.5 -Inf -0.5 -0.5 -0.5 -1.0 -0.5 -0.5 -0.5 NaN 3.4e+38 -Inf 0 -0 1.0 -1.0 2.5 -0.5 3.4e+38
        binary;pow;f32;NaN NaN NaN 1.0 1.0 NaN NaN NaN NaN NaN NaN Inf 0 1.0 1.0 Inf 0 Inf 0 Inf NaN Inf 0 1.0 1.0 -Inf -0 Inf 0 Inf NaN 0 Inf 1.0 1.0 0 Inf 0 Inf 0 NaN 0 Inf 1.0 1.0 -0 -Inf 0 Inf 0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 NaN 1.0 1.0 1.0 1.0 -1.0 -1.0 NaN NaN 1.0 NaN Inf 0 1.0 1.0 2.5 0.4 9.882117 0.6324555 Inf NaN 0 Inf 1.0 1.0 -0.5 -2.0 NaN NaN 0 NaN Inf 0 1.0 1.0 3.4e+38 2.941177e-39 Inf 5.423262e-20 Inf
        binary;eq;f32;F F F F F F F F F F F T F F F F F F F F F F T F F F F F F F F F F T T F F F F F F F F T T F F F F F F F F F F T F F F F F F F F F F T F F F F F F F F F F T F F F F F F F F F F T F F F F F F F F F F T
        binary;ne;f32;T T T T T T T T T T T F T T T T T T T T T T F T T T T T T T T T T F F T T T T T T T T F F T T T T T T T T T T F T T T T T T T T T T F T T T T T T T T T T F T T T T T T T T T T F T T T T T T T T T T F
        binary;lt;f32;F F F F F F F F F F F F F F F F F F F F F T F T T T T T T T F T F F F T F T F T F T F F F T F T F T F T F F F F F T F T F T F T T T F T T T F T F F F F F F F T F T F T T T F T F T F T F F F F F F F F
        binary;le;f32;F F F F F F F F F F F T F F F F F F F F F T T T T T T T T T F T F T T T F T F T F T F T T T F T F T F T F F F T F T F T F T F T T T T T T T F T F F F F F T F T F T F T T T F T T T F T F F F F F F F T
        binary;gt;f32;F F F F F F F F F F F F T T T T T T T T F F F F F F F F F F F F T F F F T F T F F F T F F F T F T F F F T T T F T F T F F F T F F F F F F F F F T T T T T F T F F F T F F F T F F F F F T T T T T T T F
        binary;ge;f32;F F F F F F F F F F F T T T T T T T T T F F T F F F F F F F F F T T T F T F T F F F T T T F T F T F F F T T T T T F T F F F T F F F T F F F F F T T T T T T T F F F T F F F T F T F F F T T T T T T T T
        binary;logical_and;f32;T T T F F T T T T T T T T F F T T T T T T T T F F T T T T T F F F F F F F F F F F F F F F F F F F F T T T F F T T T T T T T T F F T T T T T T T T F F T T T T T T T T F F T T T T T T T T F F T T T T T
        binary;logical_or;f32;T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T F F T T T T T T T T F F T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T
        binary;logical_xor;f32;F F F T T F F F F F F F F T T F F F F F F F F T T F F F F F T T T F F T T T T T T T T F F T T T T T F F F T T F F F F F F F F T T F F F F F F F F T T F F F F F F F F T T F F F F F F F F T T F F F F F
        binary;clamp_min;f32;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN Inf Inf Inf Inf Inf Inf Inf Inf Inf NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 3.4e+38 NaN Inf 0 0 -0 1.0 0 2.5 0 3.4e+38 NaN Inf -0 0 -0 1.0 -0 2.5 -0 3.4e+38 NaN Inf 1.0 1.0 1.0 1.0 1.0 2.5 1.0 3.4e+38 NaN Inf -1.0 0 -0 1.0 -1.0 2.5 -0.5 3.4e+38 NaN Inf 2.5 2.5 2.5 2.5 2.5 2.5 2.5 3.4e+38 NaN Inf -0.5 0 -0 1.0 -0.5 2.5 -0.5 3.4e+38 NaN Inf 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38
        binary;clamp_max;f32;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 3.4e+38 NaN -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf NaN 0 -Inf 0 -0 0 -1.0 0 -0.5 0 NaN -0 -Inf 0 -0 -0 -1.0 -0 -0.5 -0 NaN 1.0 -Inf 0 -0 1.0 -1.0 1.0 -0.5 1.0 NaN -1.0 -Inf -1.0 -1.0 -1.0 -1.0 -1.0 -1.0 -1.0 NaN 2.5 -Inf 0 -0 1.0 -1.0 2.5 -0.5 2.5 NaN -0.5 -Inf -0.5 -0.5 -0.5 -1.0 -0.5 -0.5 -0.5 NaN 3.4e+38 -Inf 0 -0 1.0 -1.0 2.5 -0.5 3.4e+38
        binary;clamp(0.5,a,b);f32;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 3.4e+38 NaN 0.5 -Inf 0 -0 0.5 -1.0 0.5 -0.5 0.5 NaN 0.5 -Inf 0 -0 0.5 -1.0 0.5 -0.5 0.5 NaN 0.5 -Inf 0 -0 0.5 -1.0 0.5 -0.5 0.5 NaN 1.0 -Inf 0 -0 1.0 -1.0 1.0 -0.5 1.0 NaN 0.5 -Inf 0 -0 0.5 -1.0 0.5 -0.5 0.5 NaN 2.5 -Inf 0 -0 1.0 -1.0 2.5 -0.5 2.5 NaN 0.5 -Inf 0 -0 0.5 -1.0 0.5 -0.5 0.5 NaN 3.4e+38 -Inf 0 -0 1.0 -1.0 2.5 -0.5 3.4e+38
        binary;logical_not;f32;F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F T T T T T T T T T T T T T T T T T T T T F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F
        pair;f64;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf 0 0 0 0 0 0 0 0 0 0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 -1.0 -1.0 -1.0 -1.0 -1.0 -1.0 -1.0 -1.0 -1.0 -1.0 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 -0.5 -0.5 -0.5 -0.5 -0.5 -0.5 -0.5 -0.5 -0.5 -0.5 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308;NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 1.7e+308 NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 1.7e+308 NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 1.7e+308 NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 1.7e+308 NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 1.7e+308 NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 1.7e+308 NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 1.7e+308 NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 1.7e+308 NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 1.7e+308 NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 1.7e+308
        binary;add;f64;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN Inf NaN Inf Inf Inf Inf Inf Inf Inf NaN NaN -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf NaN Inf -Inf 0 0 1.0 -1.0 2.5 -0.5 1.7e+308 NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 1.7e+308 NaN Inf -Inf 1.0 1.0 2.0 0 3.5 0.5 1.7e+308 NaN Inf -Inf -1.0 -1.0 0 -2.0 1.5 -1.5 1.7e+308 NaN Inf -Inf 2.5 2.5 3.5 1.5 5.0 2.0 1.7e+308 NaN Inf -Inf -0.5 -0.5 0.5 -1.5 2.0 -1.0 1.7e+308 NaN Inf -Inf 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 Inf
        binary;sub;f64;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN Inf Inf Inf Inf Inf Inf Inf Inf NaN -Inf NaN -Inf -Inf -Inf -Inf -Inf -Inf -Inf NaN -Inf Inf 0 0 -1.0 1.0 -2.5 0.5 -1.7e+308 NaN -Inf Inf -0 0 -1.0 1.0 -2.5 0.5 -1.7e+308 NaN -Inf Inf 1.0 1.0 0 2.0 -1.5 1.5 -1.7e+308 NaN -Inf Inf -1.0 -1.0 -2.0 0 -3.5 -0.5 -1.7e+308 NaN -Inf Inf 2.5 2.5 1.5 3.5 0 3.0 -1.7e+308 NaN -Inf Inf -0.5 -0.5 -1.5 0.5 -3.0 0 -1.7e+308 NaN -Inf Inf 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 0
        binary;mul;f64;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN Inf -Inf NaN NaN Inf -Inf Inf -Inf Inf NaN -Inf Inf NaN NaN -Inf Inf -Inf Inf -Inf NaN NaN NaN 0 -0 0 -0 0 -0 0 NaN NaN NaN -0 0 -0 0 -0 0 -0 NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 1.7e+308 NaN -Inf Inf -0 0 -1.0 1.0 -2.5 0.5 -1.7e+308 NaN Inf -Inf 0 -0 2.5 -2.5 6.25 -1.25 Inf NaN -Inf Inf -0 0 -0.5 0.5 -1.25 0.25 -8.5e+307 NaN Inf -Inf 0 -0 1.7e+308 -1.7e+308 Inf -8.5e+307 Inf
        binary;div;f64;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN Inf -Inf Inf -Inf Inf -Inf Inf NaN NaN NaN -Inf Inf -Inf Inf -Inf Inf -Inf NaN 0 -0 NaN NaN 0 -0 0 -0 0 NaN -0 0 NaN NaN -0 0 -0 0 -0 NaN 0 -0 Inf -Inf 1.0 -1.0 0.4 -2.0 5.88235294117647e-309 NaN -0 0 -Inf Inf -1.0 1.0 -0.4 2.0 -5.88235294117647e-309 NaN 0 -0 Inf -Inf 2.5 -2.5 1.0 -5.0 1.4705882352941176e-308 NaN -0 0 -Inf Inf -0.5 0.5 -0.2 1.0 -2.941176470588236e-309 NaN 0 -0 Inf -Inf 1.7e+308 -1.7e+308 6.8e+307 -Inf 1.0
        binary;maximum;f64;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN Inf Inf Inf Inf Inf Inf Inf Inf Inf NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 1.7e+308 NaN Inf 0 0 -0 1.0 0 2.5 0 1.7e+308 NaN Inf -0 0 -0 1.0 -0 2.5 -0 1.7e+308 NaN Inf 1.0 1.0 1.0 1.0 1.0 2.5 1.0 1.7e+308 NaN Inf -1.0 0 -0 1.0 -1.0 2.5 -0.5 1.7e+308 NaN Inf 2.5 2.5 2.5 2.5 2.5 2.5 2.5 1.7e+308 NaN Inf -0.5 0 -0 1.0 -0.5 2.5 -0.5 1.7e+308 NaN Inf 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308
        binary;minimum;f64;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 1.7e+308 NaN -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf NaN 0 -Inf 0 -0 0 -1.0 0 -0.5 0 NaN -0 -Inf 0 -0 -0 -1.0 -0 -0.5 -0 NaN 1.0 -Inf 0 -0 1.0 -1.0 1.0 -0.5 1.0 NaN -1.0 -Inf -1.0 -1.0 -1.0 -1.0 -1.0 -1.0 -1.0 NaN 2.5 -Inf 0 -0 1.0 -1.0 2.5 -0.5 2.5 NaN -0.5 -Inf -0.5 -0.5 -0.5 -1.0 -0.5 -0.5 -0.5 NaN 1.7e+308 -Inf 0 -0 1.0 -1.0 2.5 -0.5 1.7e+308
        binary;pow;f64;NaN NaN NaN 1.0 1.0 NaN NaN NaN NaN NaN NaN Inf 0 1.0 1.0 Inf 0 Inf 0 Inf NaN Inf 0 1.0 1.0 -Inf -0 Inf 0 Inf NaN 0 Inf 1.0 1.0 0 Inf 0 Inf 0 NaN 0 Inf 1.0 1.0 -0 -Inf 0 Inf 0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 1.0 NaN 1.0 1.0 1.0 1.0 -1.0 -1.0 NaN NaN 1.0 NaN Inf 0 1.0 1.0 2.5 0.4 9.882117688026186 0.6324555320336759 Inf NaN 0 Inf 1.0 1.0 -0.5 -2.0 NaN NaN 0 NaN Inf 0 1.0 1.0 1.7e+308 5.88235294117647e-309 Inf 7.669649888473705e-155 Inf
        binary;eq;f64;F F F F F F F F F F F T F F F F F F F F F F T F F F F F F F F F F T T F F F F F F F F T T F F F F F F F F F F T F F F F F F F F F F T F F F F F F F F F F T F F F F F F F F F F T F F F F F F F F F F T
        binary;ne;f64;T T T T T T T T T T T F T T T T T T T T T T F T T T T T T T T T T F F T T T T T T T T F F T T T T T T T T T T F T T T T T T T T T T F T T T T T T T T T T F T T T T T T T T T T F T T T T T T T T T T F
        binary;lt;f64;F F F F F F F F F F F F F F F F F F F F F T F T T T T T T T F T F F F T F T F T F T F F F T F T F T F T F F F F F T F T F T F T T T F T T T F T F F F F F F F T F T F T T T F T F T F T F F F F F F F F
        binary;le;f64;F F F F F F F F F F F T F F F F F F F F F T T T T T T T T T F T F T T T F T F T F T F T T T F T F T F T F F F T F T F T F T F T T T T T T T F T F F F F F T F T F T F T T T F T T T F T F F F F F F F T
        binary;gt;f64;F F F F F F F F F F F F T T T T T T T T F F F F F F F F F F F F T F F F T F T F F F T F F F T F T F F F T T T F T F T F F F T F F F F F F F F F T T T T T F T F F F T F F F T F F F F F T T T T T T T F
        binary;ge;f64;F F F F F F F F F F F T T T T T T T T T F F T F F F F F F F F F T T T F T F T F F F T T T F T F T F F F T T T T T F T F F F T F F F T F F F F F T T T T T T T F F F T F F F T F T F F F T T T T T T T T
        binary;logical_and;f64;T T T F F T T T T T T T T F F T T T T T T T T F F T T T T T F F F F F F F F F F F F F F F F F F F F T T T F F T T T T T T T T F F T T T T T T T T F F T T T T T T T T F F T T T T T T T T F F T T T T T
        binary;logical_or;f64;T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T F F T T T T T T T T F F T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T T
        binary;logical_xor;f64;F F F T T F F F F F F F F T T F F F F F F F F T T F F F F F T T T F F T T T T T T T T F F T T T T T F F F T T F F F F F F F F T T F F F F F F F F T T F F F F F F F F T T F F F F F F F F T T F F F F F
        binary;clamp_min;f64;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN Inf Inf Inf Inf Inf Inf Inf Inf Inf NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 1.7e+308 NaN Inf 0 0 -0 1.0 0 2.5 0 1.7e+308 NaN Inf -0 0 -0 1.0 -0 2.5 -0 1.7e+308 NaN Inf 1.0 1.0 1.0 1.0 1.0 2.5 1.0 1.7e+308 NaN Inf -1.0 0 -0 1.0 -1.0 2.5 -0.5 1.7e+308 NaN Inf 2.5 2.5 2.5 2.5 2.5 2.5 2.5 1.7e+308 NaN Inf -0.5 0 -0 1.0 -0.5 2.5 -0.5 1.7e+308 NaN Inf 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308
        binary;clamp_max;f64;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 1.7e+308 NaN -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf NaN 0 -Inf 0 -0 0 -1.0 0 -0.5 0 NaN -0 -Inf 0 -0 -0 -1.0 -0 -0.5 -0 NaN 1.0 -Inf 0 -0 1.0 -1.0 1.0 -0.5 1.0 NaN -1.0 -Inf -1.0 -1.0 -1.0 -1.0 -1.0 -1.0 -1.0 NaN 2.5 -Inf 0 -0 1.0 -1.0 2.5 -0.5 2.5 NaN -0.5 -Inf -0.5 -0.5 -0.5 -1.0 -0.5 -0.5 -0.5 NaN 1.7e+308 -Inf 0 -0 1.0 -1.0 2.5 -0.5 1.7e+308
        binary;clamp(0.5,a,b);f64;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN Inf -Inf 0 -0 1.0 -1.0 2.5 -0.5 1.7e+308 NaN 0.5 -Inf 0 -0 0.5 -1.0 0.5 -0.5 0.5 NaN 0.5 -Inf 0 -0 0.5 -1.0 0.5 -0.5 0.5 NaN 0.5 -Inf 0 -0 0.5 -1.0 0.5 -0.5 0.5 NaN 1.0 -Inf 0 -0 1.0 -1.0 1.0 -0.5 1.0 NaN 0.5 -Inf 0 -0 0.5 -1.0 0.5 -0.5 0.5 NaN 2.5 -Inf 0 -0 1.0 -1.0 2.5 -0.5 2.5 NaN 0.5 -Inf 0 -0 0.5 -1.0 0.5 -0.5 0.5 NaN 1.7e+308 -Inf 0 -0 1.0 -1.0 2.5 -0.5 1.7e+308
        binary;logical_not;f64;F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F T T T T T T T T T T T T T T T T T T T T F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F F
        row;f32;0;NaN 1.0 2.0
        reduce;sum;f32;0;NaN
        reduce;mean;f32;0;NaN
        reduce;prod;f32;0;NaN
        reduce;amax;f32;0;NaN
        reduce;amin;f32;0;NaN
        reduce;max.values;f32;0;NaN
        reduce;max.indices;f32;0;0
        reduce;min.values;f32;0;NaN
        reduce;min.indices;f32;0;0
        reduce;argmax;f32;0;0
        reduce;argmin;f32;0;0
        reduce;var;f32;0;NaN
        reduce;var(0);f32;0;NaN
        reduce;std;f32;0;NaN
        reduce;norm(0);f32;0;3.0
        reduce;norm(1.0);f32;0;NaN
        reduce;norm(2.0);f32;0;NaN
        reduce;norm(3.0);f32;0;NaN
        reduce;norm(Inf);f32;0;NaN
        reduce;norm(-Inf);f32;0;NaN
        reduce;logsumexp;f32;0;NaN
        reduce;softmax;f32;0;NaN NaN NaN
        reduce;log_softmax;f32;0;NaN NaN NaN
        row;f32;0t;NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0
        reduce;sum;f32;0t;NaN
        reduce;mean;f32;0t;NaN
        reduce;prod;f32;0t;NaN
        reduce;amax;f32;0t;NaN
        reduce;amin;f32;0t;NaN
        reduce;max.values;f32;0t;NaN
        reduce;max.indices;f32;0t;0
        reduce;min.values;f32;0t;NaN
        reduce;min.indices;f32;0t;0
        reduce;argmax;f32;0t;0
        reduce;argmin;f32;0t;0
        reduce;var;f32;0t;NaN
        reduce;var(0);f32;0t;NaN
        reduce;std;f32;0t;NaN
        reduce;norm(0);f32;0t;39.0
        reduce;norm(1.0);f32;0t;NaN
        reduce;norm(2.0);f32;0t;NaN
        reduce;norm(3.0);f32;0t;NaN
        reduce;norm(Inf);f32;0t;NaN
        reduce;norm(-Inf);f32;0t;NaN
        reduce;logsumexp;f32;0t;NaN
        reduce;softmax;f32;0t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        reduce;log_softmax;f32;0t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        row;f32;1;1.0 NaN 2.0
        reduce;sum;f32;1;NaN
        reduce;mean;f32;1;NaN
        reduce;prod;f32;1;NaN
        reduce;amax;f32;1;NaN
        reduce;amin;f32;1;NaN
        reduce;max.values;f32;1;NaN
        reduce;max.indices;f32;1;1
        reduce;min.values;f32;1;NaN
        reduce;min.indices;f32;1;1
        reduce;argmax;f32;1;1
        reduce;argmin;f32;1;1
        reduce;var;f32;1;NaN
        reduce;var(0);f32;1;NaN
        reduce;std;f32;1;NaN
        reduce;norm(0);f32;1;3.0
        reduce;norm(1.0);f32;1;NaN
        reduce;norm(2.0);f32;1;NaN
        reduce;norm(3.0);f32;1;NaN
        reduce;norm(Inf);f32;1;NaN
        reduce;norm(-Inf);f32;1;NaN
        reduce;logsumexp;f32;1;NaN
        reduce;softmax;f32;1;NaN NaN NaN
        reduce;log_softmax;f32;1;NaN NaN NaN
        row;f32;1t;1.0 NaN 2.0 1.0 NaN 2.0 1.0 NaN 2.0 1.0 NaN 2.0 1.0 NaN 2.0 1.0 NaN 2.0 1.0 NaN 2.0 1.0 NaN 2.0 1.0 NaN 2.0 1.0 NaN 2.0 1.0 NaN 2.0 1.0 NaN 2.0 1.0 NaN 2.0
        reduce;sum;f32;1t;NaN
        reduce;mean;f32;1t;NaN
        reduce;prod;f32;1t;NaN
        reduce;amax;f32;1t;NaN
        reduce;amin;f32;1t;NaN
        reduce;max.values;f32;1t;NaN
        reduce;max.indices;f32;1t;1
        reduce;min.values;f32;1t;NaN
        reduce;min.indices;f32;1t;1
        reduce;argmax;f32;1t;1
        reduce;argmin;f32;1t;1
        reduce;var;f32;1t;NaN
        reduce;var(0);f32;1t;NaN
        reduce;std;f32;1t;NaN
        reduce;norm(0);f32;1t;39.0
        reduce;norm(1.0);f32;1t;NaN
        reduce;norm(2.0);f32;1t;NaN
        reduce;norm(3.0);f32;1t;NaN
        reduce;norm(Inf);f32;1t;NaN
        reduce;norm(-Inf);f32;1t;NaN
        reduce;logsumexp;f32;1t;NaN
        reduce;softmax;f32;1t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        reduce;log_softmax;f32;1t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        row;f32;2;1.0 2.0 NaN
        reduce;sum;f32;2;NaN
        reduce;mean;f32;2;NaN
        reduce;prod;f32;2;NaN
        reduce;amax;f32;2;NaN
        reduce;amin;f32;2;NaN
        reduce;max.values;f32;2;NaN
        reduce;max.indices;f32;2;2
        reduce;min.values;f32;2;NaN
        reduce;min.indices;f32;2;2
        reduce;argmax;f32;2;2
        reduce;argmin;f32;2;2
        reduce;var;f32;2;NaN
        reduce;var(0);f32;2;NaN
        reduce;std;f32;2;NaN
        reduce;norm(0);f32;2;3.0
        reduce;norm(1.0);f32;2;NaN
        reduce;norm(2.0);f32;2;NaN
        reduce;norm(3.0);f32;2;NaN
        reduce;norm(Inf);f32;2;NaN
        reduce;norm(-Inf);f32;2;NaN
        reduce;logsumexp;f32;2;NaN
        reduce;softmax;f32;2;NaN NaN NaN
        reduce;log_softmax;f32;2;NaN NaN NaN
        row;f32;2t;1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN
        reduce;sum;f32;2t;NaN
        reduce;mean;f32;2t;NaN
        reduce;prod;f32;2t;NaN
        reduce;amax;f32;2t;NaN
        reduce;amin;f32;2t;NaN
        reduce;max.values;f32;2t;NaN
        reduce;max.indices;f32;2t;2
        reduce;min.values;f32;2t;NaN
        reduce;min.indices;f32;2t;2
        reduce;argmax;f32;2t;2
        reduce;argmin;f32;2t;2
        reduce;var;f32;2t;NaN
        reduce;var(0);f32;2t;NaN
        reduce;std;f32;2t;NaN
        reduce;norm(0);f32;2t;39.0
        reduce;norm(1.0);f32;2t;NaN
        reduce;norm(2.0);f32;2t;NaN
        reduce;norm(3.0);f32;2t;NaN
        reduce;norm(Inf);f32;2t;NaN
        reduce;norm(-Inf);f32;2t;NaN
        reduce;logsumexp;f32;2t;NaN
        reduce;softmax;f32;2t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        reduce;log_softmax;f32;2t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        row;f32;3;NaN NaN
        reduce;sum;f32;3;NaN
        reduce;mean;f32;3;NaN
        reduce;prod;f32;3;NaN
        reduce;amax;f32;3;NaN
        reduce;amin;f32;3;NaN
        reduce;max.values;f32;3;NaN
        reduce;max.indices;f32;3;0
        reduce;min.values;f32;3;NaN
        reduce;min.indices;f32;3;0
        reduce;argmax;f32;3;0
        reduce;argmin;f32;3;0
        reduce;var;f32;3;NaN
        reduce;var(0);f32;3;NaN
        reduce;std;f32;3;NaN
        reduce;norm(0);f32;3;2.0
        reduce;norm(1.0);f32;3;NaN
        reduce;norm(2.0);f32;3;NaN
        reduce;norm(3.0);f32;3;NaN
        reduce;norm(Inf);f32;3;NaN
        reduce;norm(-Inf);f32;3;NaN
        reduce;logsumexp;f32;3;NaN
        reduce;softmax;f32;3;NaN NaN
        reduce;log_softmax;f32;3;NaN NaN
        row;f32;3t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        reduce;sum;f32;3t;NaN
        reduce;mean;f32;3t;NaN
        reduce;prod;f32;3t;NaN
        reduce;amax;f32;3t;NaN
        reduce;amin;f32;3t;NaN
        reduce;max.values;f32;3t;NaN
        reduce;max.indices;f32;3t;0
        reduce;min.values;f32;3t;NaN
        reduce;min.indices;f32;3t;0
        reduce;argmax;f32;3t;0
        reduce;argmin;f32;3t;0
        reduce;var;f32;3t;NaN
        reduce;var(0);f32;3t;NaN
        reduce;std;f32;3t;NaN
        reduce;norm(0);f32;3t;38.0
        reduce;norm(1.0);f32;3t;NaN
        reduce;norm(2.0);f32;3t;NaN
        reduce;norm(3.0);f32;3t;NaN
        reduce;norm(Inf);f32;3t;NaN
        reduce;norm(-Inf);f32;3t;NaN
        reduce;logsumexp;f32;3t;NaN
        reduce;softmax;f32;3t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        reduce;log_softmax;f32;3t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        row;f32;4;1.0 NaN Inf
        reduce;sum;f32;4;NaN
        reduce;mean;f32;4;NaN
        reduce;prod;f32;4;NaN
        reduce;amax;f32;4;NaN
        reduce;amin;f32;4;NaN
        reduce;max.values;f32;4;NaN
        reduce;max.indices;f32;4;1
        reduce;min.values;f32;4;NaN
        reduce;min.indices;f32;4;1
        reduce;argmax;f32;4;1
        reduce;argmin;f32;4;1
        reduce;var;f32;4;NaN
        reduce;var(0);f32;4;NaN
        reduce;std;f32;4;NaN
        reduce;norm(0);f32;4;3.0
        reduce;norm(1.0);f32;4;NaN
        reduce;norm(2.0);f32;4;NaN
        reduce;norm(3.0);f32;4;NaN
        reduce;norm(Inf);f32;4;NaN
        reduce;norm(-Inf);f32;4;NaN
        reduce;logsumexp;f32;4;NaN
        reduce;softmax;f32;4;NaN NaN NaN
        reduce;log_softmax;f32;4;NaN NaN NaN
        row;f32;4t;1.0 NaN Inf 1.0 NaN Inf 1.0 NaN Inf 1.0 NaN Inf 1.0 NaN Inf 1.0 NaN Inf 1.0 NaN Inf 1.0 NaN Inf 1.0 NaN Inf 1.0 NaN Inf 1.0 NaN Inf 1.0 NaN Inf 1.0 NaN Inf
        reduce;sum;f32;4t;NaN
        reduce;mean;f32;4t;NaN
        reduce;prod;f32;4t;NaN
        reduce;amax;f32;4t;NaN
        reduce;amin;f32;4t;NaN
        reduce;max.values;f32;4t;NaN
        reduce;max.indices;f32;4t;1
        reduce;min.values;f32;4t;NaN
        reduce;min.indices;f32;4t;1
        reduce;argmax;f32;4t;1
        reduce;argmin;f32;4t;1
        reduce;var;f32;4t;NaN
        reduce;var(0);f32;4t;NaN
        reduce;std;f32;4t;NaN
        reduce;norm(0);f32;4t;39.0
        reduce;norm(1.0);f32;4t;NaN
        reduce;norm(2.0);f32;4t;NaN
        reduce;norm(3.0);f32;4t;NaN
        reduce;norm(Inf);f32;4t;NaN
        reduce;norm(-Inf);f32;4t;NaN
        reduce;logsumexp;f32;4t;NaN
        reduce;softmax;f32;4t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        reduce;log_softmax;f32;4t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        row;f32;5;Inf NaN
        reduce;sum;f32;5;NaN
        reduce;mean;f32;5;NaN
        reduce;prod;f32;5;NaN
        reduce;amax;f32;5;NaN
        reduce;amin;f32;5;NaN
        reduce;max.values;f32;5;NaN
        reduce;max.indices;f32;5;1
        reduce;min.values;f32;5;NaN
        reduce;min.indices;f32;5;1
        reduce;argmax;f32;5;1
        reduce;argmin;f32;5;1
        reduce;var;f32;5;NaN
        reduce;var(0);f32;5;NaN
        reduce;std;f32;5;NaN
        reduce;norm(0);f32;5;2.0
        reduce;norm(1.0);f32;5;NaN
        reduce;norm(2.0);f32;5;NaN
        reduce;norm(3.0);f32;5;NaN
        reduce;norm(Inf);f32;5;NaN
        reduce;norm(-Inf);f32;5;NaN
        reduce;logsumexp;f32;5;NaN
        reduce;softmax;f32;5;NaN NaN
        reduce;log_softmax;f32;5;NaN NaN
        row;f32;5t;Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN
        reduce;sum;f32;5t;NaN
        reduce;mean;f32;5t;NaN
        reduce;prod;f32;5t;NaN
        reduce;amax;f32;5t;NaN
        reduce;amin;f32;5t;NaN
        reduce;max.values;f32;5t;NaN
        reduce;max.indices;f32;5t;1
        reduce;min.values;f32;5t;NaN
        reduce;min.indices;f32;5t;1
        reduce;argmax;f32;5t;1
        reduce;argmin;f32;5t;1
        reduce;var;f32;5t;NaN
        reduce;var(0);f32;5t;NaN
        reduce;std;f32;5t;NaN
        reduce;norm(0);f32;5t;38.0
        reduce;norm(1.0);f32;5t;NaN
        reduce;norm(2.0);f32;5t;NaN
        reduce;norm(3.0);f32;5t;NaN
        reduce;norm(Inf);f32;5t;NaN
        reduce;norm(-Inf);f32;5t;NaN
        reduce;logsumexp;f32;5t;NaN
        reduce;softmax;f32;5t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        reduce;log_softmax;f32;5t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        row;f32;6;-Inf NaN
        reduce;sum;f32;6;NaN
        reduce;mean;f32;6;NaN
        reduce;prod;f32;6;NaN
        reduce;amax;f32;6;NaN
        reduce;amin;f32;6;NaN
        reduce;max.values;f32;6;NaN
        reduce;max.indices;f32;6;1
        reduce;min.values;f32;6;NaN
        reduce;min.indices;f32;6;1
        reduce;argmax;f32;6;1
        reduce;argmin;f32;6;1
        reduce;var;f32;6;NaN
        reduce;var(0);f32;6;NaN
        reduce;std;f32;6;NaN
        reduce;norm(0);f32;6;2.0
        reduce;norm(1.0);f32;6;NaN
        reduce;norm(2.0);f32;6;NaN
        reduce;norm(3.0);f32;6;NaN
        reduce;norm(Inf);f32;6;NaN
        reduce;norm(-Inf);f32;6;NaN
        reduce;logsumexp;f32;6;NaN
        reduce;softmax;f32;6;NaN NaN
        reduce;log_softmax;f32;6;NaN NaN
        row;f32;6t;-Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN
        reduce;sum;f32;6t;NaN
        reduce;mean;f32;6t;NaN
        reduce;prod;f32;6t;NaN
        reduce;amax;f32;6t;NaN
        reduce;amin;f32;6t;NaN
        reduce;max.values;f32;6t;NaN
        reduce;max.indices;f32;6t;1
        reduce;min.values;f32;6t;NaN
        reduce;min.indices;f32;6t;1
        reduce;argmax;f32;6t;1
        reduce;argmin;f32;6t;1
        reduce;var;f32;6t;NaN
        reduce;var(0);f32;6t;NaN
        reduce;std;f32;6t;NaN
        reduce;norm(0);f32;6t;38.0
        reduce;norm(1.0);f32;6t;NaN
        reduce;norm(2.0);f32;6t;NaN
        reduce;norm(3.0);f32;6t;NaN
        reduce;norm(Inf);f32;6t;NaN
        reduce;norm(-Inf);f32;6t;NaN
        reduce;logsumexp;f32;6t;NaN
        reduce;softmax;f32;6t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        reduce;log_softmax;f32;6t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        row;f32;7;Inf -Inf
        reduce;sum;f32;7;NaN
        reduce;mean;f32;7;NaN
        reduce;prod;f32;7;-Inf
        reduce;amax;f32;7;Inf
        reduce;amin;f32;7;-Inf
        reduce;max.values;f32;7;Inf
        reduce;max.indices;f32;7;0
        reduce;min.values;f32;7;-Inf
        reduce;min.indices;f32;7;1
        reduce;argmax;f32;7;0
        reduce;argmin;f32;7;1
        reduce;var;f32;7;NaN
        reduce;var(0);f32;7;NaN
        reduce;std;f32;7;NaN
        reduce;norm(0);f32;7;2.0
        reduce;norm(1.0);f32;7;Inf
        reduce;norm(2.0);f32;7;Inf
        reduce;norm(3.0);f32;7;Inf
        reduce;norm(Inf);f32;7;Inf
        reduce;norm(-Inf);f32;7;Inf
        reduce;logsumexp;f32;7;Inf
        reduce;softmax;f32;7;NaN NaN
        reduce;log_softmax;f32;7;NaN NaN
        row;f32;7t;Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf
        reduce;sum;f32;7t;NaN
        reduce;mean;f32;7t;NaN
        reduce;prod;f32;7t;-Inf
        reduce;amax;f32;7t;Inf
        reduce;amin;f32;7t;-Inf
        reduce;max.values;f32;7t;Inf
        reduce;max.indices;f32;7t;0
        reduce;min.values;f32;7t;-Inf
        reduce;min.indices;f32;7t;1
        reduce;argmax;f32;7t;0
        reduce;argmin;f32;7t;1
        reduce;var;f32;7t;NaN
        reduce;var(0);f32;7t;NaN
        reduce;std;f32;7t;NaN
        reduce;norm(0);f32;7t;38.0
        reduce;norm(1.0);f32;7t;Inf
        reduce;norm(2.0);f32;7t;Inf
        reduce;norm(3.0);f32;7t;Inf
        reduce;norm(Inf);f32;7t;Inf
        reduce;norm(-Inf);f32;7t;Inf
        reduce;logsumexp;f32;7t;Inf
        reduce;softmax;f32;7t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        reduce;log_softmax;f32;7t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        row;f32;8;Inf Inf
        reduce;sum;f32;8;Inf
        reduce;mean;f32;8;Inf
        reduce;prod;f32;8;Inf
        reduce;amax;f32;8;Inf
        reduce;amin;f32;8;Inf
        reduce;max.values;f32;8;Inf
        reduce;max.indices;f32;8;0
        reduce;min.values;f32;8;Inf
        reduce;min.indices;f32;8;0
        reduce;argmax;f32;8;0
        reduce;argmin;f32;8;0
        reduce;var;f32;8;NaN
        reduce;var(0);f32;8;NaN
        reduce;std;f32;8;NaN
        reduce;norm(0);f32;8;2.0
        reduce;norm(1.0);f32;8;Inf
        reduce;norm(2.0);f32;8;Inf
        reduce;norm(3.0);f32;8;Inf
        reduce;norm(Inf);f32;8;Inf
        reduce;norm(-Inf);f32;8;Inf
        reduce;logsumexp;f32;8;Inf
        reduce;softmax;f32;8;NaN NaN
        reduce;log_softmax;f32;8;NaN NaN
        row;f32;8t;Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf
        reduce;sum;f32;8t;Inf
        reduce;mean;f32;8t;Inf
        reduce;prod;f32;8t;Inf
        reduce;amax;f32;8t;Inf
        reduce;amin;f32;8t;Inf
        reduce;max.values;f32;8t;Inf
        reduce;max.indices;f32;8t;0
        reduce;min.values;f32;8t;Inf
        reduce;min.indices;f32;8t;0
        reduce;argmax;f32;8t;0
        reduce;argmin;f32;8t;0
        reduce;var;f32;8t;NaN
        reduce;var(0);f32;8t;NaN
        reduce;std;f32;8t;NaN
        reduce;norm(0);f32;8t;38.0
        reduce;norm(1.0);f32;8t;Inf
        reduce;norm(2.0);f32;8t;Inf
        reduce;norm(3.0);f32;8t;Inf
        reduce;norm(Inf);f32;8t;Inf
        reduce;norm(-Inf);f32;8t;Inf
        reduce;logsumexp;f32;8t;Inf
        reduce;softmax;f32;8t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        reduce;log_softmax;f32;8t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        row;f32;9;-Inf -Inf
        reduce;sum;f32;9;-Inf
        reduce;mean;f32;9;-Inf
        reduce;prod;f32;9;Inf
        reduce;amax;f32;9;-Inf
        reduce;amin;f32;9;-Inf
        reduce;max.values;f32;9;-Inf
        reduce;max.indices;f32;9;0
        reduce;min.values;f32;9;-Inf
        reduce;min.indices;f32;9;0
        reduce;argmax;f32;9;0
        reduce;argmin;f32;9;0
        reduce;var;f32;9;NaN
        reduce;var(0);f32;9;NaN
        reduce;std;f32;9;NaN
        reduce;norm(0);f32;9;2.0
        reduce;norm(1.0);f32;9;Inf
        reduce;norm(2.0);f32;9;Inf
        reduce;norm(3.0);f32;9;Inf
        reduce;norm(Inf);f32;9;Inf
        reduce;norm(-Inf);f32;9;Inf
        reduce;logsumexp;f32;9;-Inf
        reduce;softmax;f32;9;NaN NaN
        reduce;log_softmax;f32;9;NaN NaN
        row;f32;9t;-Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf
        reduce;sum;f32;9t;-Inf
        reduce;mean;f32;9t;-Inf
        reduce;prod;f32;9t;Inf
        reduce;amax;f32;9t;-Inf
        reduce;amin;f32;9t;-Inf
        reduce;max.values;f32;9t;-Inf
        reduce;max.indices;f32;9t;0
        reduce;min.values;f32;9t;-Inf
        reduce;min.indices;f32;9t;0
        reduce;argmax;f32;9t;0
        reduce;argmin;f32;9t;0
        reduce;var;f32;9t;NaN
        reduce;var(0);f32;9t;NaN
        reduce;std;f32;9t;NaN
        reduce;norm(0);f32;9t;38.0
        reduce;norm(1.0);f32;9t;Inf
        reduce;norm(2.0);f32;9t;Inf
        reduce;norm(3.0);f32;9t;Inf
        reduce;norm(Inf);f32;9t;Inf
        reduce;norm(-Inf);f32;9t;Inf
        reduce;logsumexp;f32;9t;-Inf
        reduce;softmax;f32;9t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        reduce;log_softmax;f32;9t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        row;f32;10;Inf 1.0
        reduce;sum;f32;10;Inf
        reduce;mean;f32;10;Inf
        reduce;prod;f32;10;Inf
        reduce;amax;f32;10;Inf
        reduce;amin;f32;10;1.0
        reduce;max.values;f32;10;Inf
        reduce;max.indices;f32;10;0
        reduce;min.values;f32;10;1.0
        reduce;min.indices;f32;10;1
        reduce;argmax;f32;10;0
        reduce;argmin;f32;10;1
        reduce;var;f32;10;NaN
        reduce;var(0);f32;10;NaN
        reduce;std;f32;10;NaN
        reduce;norm(0);f32;10;2.0
        reduce;norm(1.0);f32;10;Inf
        reduce;norm(2.0);f32;10;Inf
        reduce;norm(3.0);f32;10;Inf
        reduce;norm(Inf);f32;10;Inf
        reduce;norm(-Inf);f32;10;1.0
        reduce;logsumexp;f32;10;Inf
        reduce;softmax;f32;10;NaN NaN
        reduce;log_softmax;f32;10;NaN NaN
        row;f32;10t;Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0
        reduce;sum;f32;10t;Inf
        reduce;mean;f32;10t;Inf
        reduce;prod;f32;10t;Inf
        reduce;amax;f32;10t;Inf
        reduce;amin;f32;10t;1.0
        reduce;max.values;f32;10t;Inf
        reduce;max.indices;f32;10t;0
        reduce;min.values;f32;10t;1.0
        reduce;min.indices;f32;10t;1
        reduce;argmax;f32;10t;0
        reduce;argmin;f32;10t;1
        reduce;var;f32;10t;NaN
        reduce;var(0);f32;10t;NaN
        reduce;std;f32;10t;NaN
        reduce;norm(0);f32;10t;38.0
        reduce;norm(1.0);f32;10t;Inf
        reduce;norm(2.0);f32;10t;Inf
        reduce;norm(3.0);f32;10t;Inf
        reduce;norm(Inf);f32;10t;Inf
        reduce;norm(-Inf);f32;10t;1.0
        reduce;logsumexp;f32;10t;Inf
        reduce;softmax;f32;10t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        reduce;log_softmax;f32;10t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        row;f32;11;-Inf 1.0
        reduce;sum;f32;11;-Inf
        reduce;mean;f32;11;-Inf
        reduce;prod;f32;11;-Inf
        reduce;amax;f32;11;1.0
        reduce;amin;f32;11;-Inf
        reduce;max.values;f32;11;1.0
        reduce;max.indices;f32;11;1
        reduce;min.values;f32;11;-Inf
        reduce;min.indices;f32;11;0
        reduce;argmax;f32;11;1
        reduce;argmin;f32;11;0
        reduce;var;f32;11;NaN
        reduce;var(0);f32;11;NaN
        reduce;std;f32;11;NaN
        reduce;norm(0);f32;11;2.0
        reduce;norm(1.0);f32;11;Inf
        reduce;norm(2.0);f32;11;Inf
        reduce;norm(3.0);f32;11;Inf
        reduce;norm(Inf);f32;11;Inf
        reduce;norm(-Inf);f32;11;1.0
        reduce;logsumexp;f32;11;1.0
        reduce;softmax;f32;11;0 1.0
        reduce;log_softmax;f32;11;-Inf 0
        row;f32;11t;-Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0
        reduce;sum;f32;11t;-Inf
        reduce;mean;f32;11t;-Inf
        reduce;prod;f32;11t;-Inf
        reduce;amax;f32;11t;1.0
        reduce;amin;f32;11t;-Inf
        reduce;max.values;f32;11t;1.0
        reduce;max.indices;f32;11t;1
        reduce;min.values;f32;11t;-Inf
        reduce;min.indices;f32;11t;0
        reduce;argmax;f32;11t;1
        reduce;argmin;f32;11t;0
        reduce;var;f32;11t;NaN
        reduce;var(0);f32;11t;NaN
        reduce;std;f32;11t;NaN
        reduce;norm(0);f32;11t;38.0
        reduce;norm(1.0);f32;11t;Inf
        reduce;norm(2.0);f32;11t;Inf
        reduce;norm(3.0);f32;11t;Inf
        reduce;norm(Inf);f32;11t;Inf
        reduce;norm(-Inf);f32;11t;1.0
        reduce;logsumexp;f32;11t;3.944439
        reduce;softmax;f32;11t;0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158
        reduce;log_softmax;f32;11t;-Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439
        row;f32;12;1.0 -Inf 2.0
        reduce;sum;f32;12;-Inf
        reduce;mean;f32;12;-Inf
        reduce;prod;f32;12;-Inf
        reduce;amax;f32;12;2.0
        reduce;amin;f32;12;-Inf
        reduce;max.values;f32;12;2.0
        reduce;max.indices;f32;12;2
        reduce;min.values;f32;12;-Inf
        reduce;min.indices;f32;12;1
        reduce;argmax;f32;12;2
        reduce;argmin;f32;12;1
        reduce;var;f32;12;NaN
        reduce;var(0);f32;12;NaN
        reduce;std;f32;12;NaN
        reduce;norm(0);f32;12;3.0
        reduce;norm(1.0);f32;12;Inf
        reduce;norm(2.0);f32;12;Inf
        reduce;norm(3.0);f32;12;Inf
        reduce;norm(Inf);f32;12;Inf
        reduce;norm(-Inf);f32;12;1.0
        reduce;logsumexp;f32;12;2.3132617
        reduce;softmax;f32;12;0.26894143 0 0.7310586
        reduce;log_softmax;f32;12;-1.3132616 -Inf -0.31326166
        row;f32;12t;1.0 -Inf 2.0 1.0 -Inf 2.0 1.0 -Inf 2.0 1.0 -Inf 2.0 1.0 -Inf 2.0 1.0 -Inf 2.0 1.0 -Inf 2.0 1.0 -Inf 2.0 1.0 -Inf 2.0 1.0 -Inf 2.0 1.0 -Inf 2.0 1.0 -Inf 2.0 1.0 -Inf 2.0
        reduce;sum;f32;12t;-Inf
        reduce;mean;f32;12t;-Inf
        reduce;prod;f32;12t;-Inf
        reduce;amax;f32;12t;2.0
        reduce;amin;f32;12t;-Inf
        reduce;max.values;f32;12t;2.0
        reduce;max.indices;f32;12t;2
        reduce;min.values;f32;12t;-Inf
        reduce;min.indices;f32;12t;1
        reduce;argmax;f32;12t;2
        reduce;argmin;f32;12t;1
        reduce;var;f32;12t;NaN
        reduce;var(0);f32;12t;NaN
        reduce;std;f32;12t;NaN
        reduce;norm(0);f32;12t;39.0
        reduce;norm(1.0);f32;12t;Inf
        reduce;norm(2.0);f32;12t;Inf
        reduce;norm(3.0);f32;12t;Inf
        reduce;norm(Inf);f32;12t;Inf
        reduce;norm(-Inf);f32;12t;1.0
        reduce;logsumexp;f32;12t;4.878211
        reduce;softmax;f32;12t;0.020687802 0 0.056235276 0.020687802 0 0.056235276 0.020687802 0 0.056235276 0.020687802 0 0.056235276 0.020687802 0 0.056235276 0.020687802 0 0.056235276 0.020687802 0 0.056235276 0.020687802 0 0.056235276 0.020687802 0 0.056235276 0.020687802 0 0.056235276 0.020687802 0 0.056235276 0.020687802 0 0.056235276 0.020687802 0 0.056235276
        reduce;log_softmax;f32;12t;-3.878211 -Inf -2.878211 -3.878211 -Inf -2.878211 -3.878211 -Inf -2.878211 -3.878211 -Inf -2.878211 -3.878211 -Inf -2.878211 -3.878211 -Inf -2.878211 -3.878211 -Inf -2.878211 -3.878211 -Inf -2.878211 -3.878211 -Inf -2.878211 -3.878211 -Inf -2.878211 -3.878211 -Inf -2.878211 -3.878211 -Inf -2.878211 -3.878211 -Inf -2.878211
        row;f32;13;-0 -0
        reduce;sum;f32;13;0
        reduce;mean;f32;13;0
        reduce;prod;f32;13;0
        reduce;amax;f32;13;-0
        reduce;amin;f32;13;-0
        reduce;max.values;f32;13;-0
        reduce;max.indices;f32;13;0
        reduce;min.values;f32;13;-0
        reduce;min.indices;f32;13;0
        reduce;argmax;f32;13;0
        reduce;argmin;f32;13;0
        reduce;var;f32;13;0
        reduce;var(0);f32;13;0
        reduce;std;f32;13;0
        reduce;norm(0);f32;13;0
        reduce;norm(1.0);f32;13;0
        reduce;norm(2.0);f32;13;0
        reduce;norm(3.0);f32;13;0
        reduce;norm(Inf);f32;13;0
        reduce;norm(-Inf);f32;13;0
        reduce;logsumexp;f32;13;0.6931472
        reduce;softmax;f32;13;0.5 0.5
        reduce;log_softmax;f32;13;-0.6931472 -0.6931472
        row;f32;13t;-0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0
        reduce;sum;f32;13t;0
        reduce;mean;f32;13t;0
        reduce;prod;f32;13t;0
        reduce;amax;f32;13t;-0
        reduce;amin;f32;13t;-0
        reduce;max.values;f32;13t;-0
        reduce;max.indices;f32;13t;0
        reduce;min.values;f32;13t;-0
        reduce;min.indices;f32;13t;0
        reduce;argmax;f32;13t;0
        reduce;argmin;f32;13t;0
        reduce;var;f32;13t;0
        reduce;var(0);f32;13t;0
        reduce;std;f32;13t;0
        reduce;norm(0);f32;13t;0
        reduce;norm(1.0);f32;13t;0
        reduce;norm(2.0);f32;13t;0
        reduce;norm(3.0);f32;13t;0
        reduce;norm(Inf);f32;13t;0
        reduce;norm(-Inf);f32;13t;0
        reduce;logsumexp;f32;13t;3.637586
        reduce;softmax;f32;13t;0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579
        reduce;log_softmax;f32;13t;-3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586
        row;f32;14;0 -0
        reduce;sum;f32;14;0
        reduce;mean;f32;14;0
        reduce;prod;f32;14;-0
        reduce;amax;f32;14;0
        reduce;amin;f32;14;0
        reduce;max.values;f32;14;0
        reduce;max.indices;f32;14;0
        reduce;min.values;f32;14;0
        reduce;min.indices;f32;14;0
        reduce;argmax;f32;14;0
        reduce;argmin;f32;14;0
        reduce;var;f32;14;0
        reduce;var(0);f32;14;0
        reduce;std;f32;14;0
        reduce;norm(0);f32;14;0
        reduce;norm(1.0);f32;14;0
        reduce;norm(2.0);f32;14;0
        reduce;norm(3.0);f32;14;0
        reduce;norm(Inf);f32;14;0
        reduce;norm(-Inf);f32;14;0
        reduce;logsumexp;f32;14;0.6931472
        reduce;softmax;f32;14;0.5 0.5
        reduce;log_softmax;f32;14;-0.6931472 -0.6931472
        row;f32;14t;0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0
        reduce;sum;f32;14t;0
        reduce;mean;f32;14t;0
        reduce;prod;f32;14t;-0
        reduce;amax;f32;14t;0
        reduce;amin;f32;14t;0
        reduce;max.values;f32;14t;0
        reduce;max.indices;f32;14t;0
        reduce;min.values;f32;14t;0
        reduce;min.indices;f32;14t;0
        reduce;argmax;f32;14t;0
        reduce;argmin;f32;14t;0
        reduce;var;f32;14t;0
        reduce;var(0);f32;14t;0
        reduce;std;f32;14t;0
        reduce;norm(0);f32;14t;0
        reduce;norm(1.0);f32;14t;0
        reduce;norm(2.0);f32;14t;0
        reduce;norm(3.0);f32;14t;0
        reduce;norm(Inf);f32;14t;0
        reduce;norm(-Inf);f32;14t;0
        reduce;logsumexp;f32;14t;3.637586
        reduce;softmax;f32;14t;0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579
        reduce;log_softmax;f32;14t;-3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586
        row;f32;15;-0 0
        reduce;sum;f32;15;0
        reduce;mean;f32;15;0
        reduce;prod;f32;15;-0
        reduce;amax;f32;15;-0
        reduce;amin;f32;15;-0
        reduce;max.values;f32;15;-0
        reduce;max.indices;f32;15;0
        reduce;min.values;f32;15;-0
        reduce;min.indices;f32;15;0
        reduce;argmax;f32;15;0
        reduce;argmin;f32;15;0
        reduce;var;f32;15;0
        reduce;var(0);f32;15;0
        reduce;std;f32;15;0
        reduce;norm(0);f32;15;0
        reduce;norm(1.0);f32;15;0
        reduce;norm(2.0);f32;15;0
        reduce;norm(3.0);f32;15;0
        reduce;norm(Inf);f32;15;0
        reduce;norm(-Inf);f32;15;0
        reduce;logsumexp;f32;15;0.6931472
        reduce;softmax;f32;15;0.5 0.5
        reduce;log_softmax;f32;15;-0.6931472 -0.6931472
        row;f32;15t;-0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0
        reduce;sum;f32;15t;0
        reduce;mean;f32;15t;0
        reduce;prod;f32;15t;-0
        reduce;amax;f32;15t;-0
        reduce;amin;f32;15t;-0
        reduce;max.values;f32;15t;-0
        reduce;max.indices;f32;15t;0
        reduce;min.values;f32;15t;-0
        reduce;min.indices;f32;15t;0
        reduce;argmax;f32;15t;0
        reduce;argmin;f32;15t;0
        reduce;var;f32;15t;0
        reduce;var(0);f32;15t;0
        reduce;std;f32;15t;0
        reduce;norm(0);f32;15t;0
        reduce;norm(1.0);f32;15t;0
        reduce;norm(2.0);f32;15t;0
        reduce;norm(3.0);f32;15t;0
        reduce;norm(Inf);f32;15t;0
        reduce;norm(-Inf);f32;15t;0
        reduce;logsumexp;f32;15t;3.637586
        reduce;softmax;f32;15t;0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579
        reduce;log_softmax;f32;15t;-3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586
        row;f32;16;-0
        reduce;sum;f32;16;0
        reduce;mean;f32;16;0
        reduce;prod;f32;16;-0
        reduce;amax;f32;16;-0
        reduce;amin;f32;16;-0
        reduce;max.values;f32;16;-0
        reduce;max.indices;f32;16;0
        reduce;min.values;f32;16;-0
        reduce;min.indices;f32;16;0
        reduce;argmax;f32;16;0
        reduce;argmin;f32;16;0
        reduce;var;f32;16;NaN
        reduce;var(0);f32;16;0
        reduce;std;f32;16;NaN
        reduce;norm(0);f32;16;0
        reduce;norm(1.0);f32;16;0
        reduce;norm(2.0);f32;16;0
        reduce;norm(3.0);f32;16;0
        reduce;norm(Inf);f32;16;0
        reduce;norm(-Inf);f32;16;0
        reduce;logsumexp;f32;16;0
        reduce;softmax;f32;16;1.0
        reduce;log_softmax;f32;16;0
        row;f32;16t;-0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0
        reduce;sum;f32;16t;0
        reduce;mean;f32;16t;0
        reduce;prod;f32;16t;-0
        reduce;amax;f32;16t;-0
        reduce;amin;f32;16t;-0
        reduce;max.values;f32;16t;-0
        reduce;max.indices;f32;16t;0
        reduce;min.values;f32;16t;-0
        reduce;min.indices;f32;16t;0
        reduce;argmax;f32;16t;0
        reduce;argmin;f32;16t;0
        reduce;var;f32;16t;0
        reduce;var(0);f32;16t;0
        reduce;std;f32;16t;0
        reduce;norm(0);f32;16t;0
        reduce;norm(1.0);f32;16t;0
        reduce;norm(2.0);f32;16t;0
        reduce;norm(3.0);f32;16t;0
        reduce;norm(Inf);f32;16t;0
        reduce;norm(-Inf);f32;16t;0
        reduce;logsumexp;f32;16t;3.6109178
        reduce;softmax;f32;16t;0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028
        reduce;log_softmax;f32;16t;-3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178
        row;f32;17;0
        reduce;sum;f32;17;0
        reduce;mean;f32;17;0
        reduce;prod;f32;17;0
        reduce;amax;f32;17;0
        reduce;amin;f32;17;0
        reduce;max.values;f32;17;0
        reduce;max.indices;f32;17;0
        reduce;min.values;f32;17;0
        reduce;min.indices;f32;17;0
        reduce;argmax;f32;17;0
        reduce;argmin;f32;17;0
        reduce;var;f32;17;NaN
        reduce;var(0);f32;17;0
        reduce;std;f32;17;NaN
        reduce;norm(0);f32;17;0
        reduce;norm(1.0);f32;17;0
        reduce;norm(2.0);f32;17;0
        reduce;norm(3.0);f32;17;0
        reduce;norm(Inf);f32;17;0
        reduce;norm(-Inf);f32;17;0
        reduce;logsumexp;f32;17;0
        reduce;softmax;f32;17;1.0
        reduce;log_softmax;f32;17;0
        row;f32;17t;0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
        reduce;sum;f32;17t;0
        reduce;mean;f32;17t;0
        reduce;prod;f32;17t;0
        reduce;amax;f32;17t;0
        reduce;amin;f32;17t;0
        reduce;max.values;f32;17t;0
        reduce;max.indices;f32;17t;0
        reduce;min.values;f32;17t;0
        reduce;min.indices;f32;17t;0
        reduce;argmax;f32;17t;0
        reduce;argmin;f32;17t;0
        reduce;var;f32;17t;0
        reduce;var(0);f32;17t;0
        reduce;std;f32;17t;0
        reduce;norm(0);f32;17t;0
        reduce;norm(1.0);f32;17t;0
        reduce;norm(2.0);f32;17t;0
        reduce;norm(3.0);f32;17t;0
        reduce;norm(Inf);f32;17t;0
        reduce;norm(-Inf);f32;17t;0
        reduce;logsumexp;f32;17t;3.6109178
        reduce;softmax;f32;17t;0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028
        reduce;log_softmax;f32;17t;-3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178
        row;f32;18;3.4e+38 3.4e+38
        reduce;sum;f32;18;Inf
        reduce;mean;f32;18;Inf
        reduce;prod;f32;18;Inf
        reduce;amax;f32;18;3.4e+38
        reduce;amin;f32;18;3.4e+38
        reduce;max.values;f32;18;3.4e+38
        reduce;max.indices;f32;18;0
        reduce;min.values;f32;18;3.4e+38
        reduce;min.indices;f32;18;0
        reduce;argmax;f32;18;0
        reduce;argmin;f32;18;0
        reduce;var;f32;18;Inf
        reduce;var(0);f32;18;Inf
        reduce;std;f32;18;Inf
        reduce;norm(0);f32;18;2.0
        reduce;norm(1.0);f32;18;Inf
        reduce;norm(2.0);f32;18;Inf
        reduce;norm(3.0);f32;18;Inf
        reduce;norm(Inf);f32;18;3.4e+38
        reduce;norm(-Inf);f32;18;3.4e+38
        reduce;logsumexp;f32;18;3.4e+38
        reduce;softmax;f32;18;0.5 0.5
        reduce;log_softmax;f32;18;-0.6931472 -0.6931472
        row;f32;18t;3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38 3.4e+38
        reduce;sum;f32;18t;Inf
        reduce;mean;f32;18t;Inf
        reduce;prod;f32;18t;Inf
        reduce;amax;f32;18t;3.4e+38
        reduce;amin;f32;18t;3.4e+38
        reduce;max.values;f32;18t;3.4e+38
        reduce;max.indices;f32;18t;0
        reduce;min.values;f32;18t;3.4e+38
        reduce;min.indices;f32;18t;0
        reduce;argmax;f32;18t;0
        reduce;argmin;f32;18t;0
        reduce;var;f32;18t;Inf
        reduce;var(0);f32;18t;Inf
        reduce;std;f32;18t;Inf
        reduce;norm(0);f32;18t;38.0
        reduce;norm(1.0);f32;18t;Inf
        reduce;norm(2.0);f32;18t;Inf
        reduce;norm(3.0);f32;18t;Inf
        reduce;norm(Inf);f32;18t;3.4e+38
        reduce;norm(-Inf);f32;18t;3.4e+38
        reduce;logsumexp;f32;18t;3.4e+38
        reduce;softmax;f32;18t;0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579
        reduce;log_softmax;f32;18t;-3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586
        row;f32;19;-3.4e+38 3.4e+38
        reduce;sum;f32;19;0
        reduce;mean;f32;19;0
        reduce;prod;f32;19;-Inf
        reduce;amax;f32;19;3.4e+38
        reduce;amin;f32;19;-3.4e+38
        reduce;max.values;f32;19;3.4e+38
        reduce;max.indices;f32;19;1
        reduce;min.values;f32;19;-3.4e+38
        reduce;min.indices;f32;19;0
        reduce;argmax;f32;19;1
        reduce;argmin;f32;19;0
        reduce;var;f32;19;Inf
        reduce;var(0);f32;19;Inf
        reduce;std;f32;19;Inf
        reduce;norm(0);f32;19;2.0
        reduce;norm(1.0);f32;19;Inf
        reduce;norm(2.0);f32;19;Inf
        reduce;norm(3.0);f32;19;Inf
        reduce;norm(Inf);f32;19;3.4e+38
        reduce;norm(-Inf);f32;19;3.4e+38
        reduce;logsumexp;f32;19;3.4e+38
        reduce;softmax;f32;19;0 1.0
        reduce;log_softmax;f32;19;-Inf 0
        row;f32;19t;-3.4e+38 3.4e+38 -3.4e+38 3.4e+38 -3.4e+38 3.4e+38 -3.4e+38 3.4e+38 -3.4e+38 3.4e+38 -3.4e+38 3.4e+38 -3.4e+38 3.4e+38 -3.4e+38 3.4e+38 -3.4e+38 3.4e+38 -3.4e+38 3.4e+38 -3.4e+38 3.4e+38 -3.4e+38 3.4e+38 -3.4e+38 3.4e+38 -3.4e+38 3.4e+38 -3.4e+38 3.4e+38 -3.4e+38 3.4e+38 -3.4e+38 3.4e+38 -3.4e+38 3.4e+38 -3.4e+38 3.4e+38
        reduce;sum;f32;19t;NaN
        reduce;mean;f32;19t;NaN
        reduce;prod;f32;19t;-Inf
        reduce;amax;f32;19t;3.4e+38
        reduce;amin;f32;19t;-3.4e+38
        reduce;max.values;f32;19t;3.4e+38
        reduce;max.indices;f32;19t;1
        reduce;min.values;f32;19t;-3.4e+38
        reduce;min.indices;f32;19t;0
        reduce;argmax;f32;19t;1
        reduce;argmin;f32;19t;0
        reduce;var;f32;19t;NaN
        reduce;var(0);f32;19t;NaN
        reduce;std;f32;19t;NaN
        reduce;norm(0);f32;19t;38.0
        reduce;norm(1.0);f32;19t;Inf
        reduce;norm(2.0);f32;19t;Inf
        reduce;norm(3.0);f32;19t;Inf
        reduce;norm(Inf);f32;19t;3.4e+38
        reduce;norm(-Inf);f32;19t;3.4e+38
        reduce;logsumexp;f32;19t;3.4e+38
        reduce;softmax;f32;19t;0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158 0 0.05263158
        reduce;log_softmax;f32;19t;-Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439 -Inf -2.944439
        row;f32;20;1e-45 1e-45
        reduce;sum;f32;20;3e-45
        reduce;mean;f32;20;1e-45
        reduce;prod;f32;20;0
        reduce;amax;f32;20;1e-45
        reduce;amin;f32;20;1e-45
        reduce;max.values;f32;20;1e-45
        reduce;max.indices;f32;20;0
        reduce;min.values;f32;20;1e-45
        reduce;min.indices;f32;20;0
        reduce;argmax;f32;20;0
        reduce;argmin;f32;20;0
        reduce;var;f32;20;0
        reduce;var(0);f32;20;0
        reduce;std;f32;20;0
        reduce;norm(0);f32;20;2.0
        reduce;norm(1.0);f32;20;3e-45
        reduce;norm(2.0);f32;20;0
        reduce;norm(3.0);f32;20;0
        reduce;norm(Inf);f32;20;1e-45
        reduce;norm(-Inf);f32;20;1e-45
        reduce;logsumexp;f32;20;0.6931472
        reduce;softmax;f32;20;0.5 0.5
        reduce;log_softmax;f32;20;-0.6931472 -0.6931472
        row;f32;20t;1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45 1e-45
        reduce;sum;f32;20t;5.3e-44
        reduce;mean;f32;20t;1e-45
        reduce;prod;f32;20t;0
        reduce;amax;f32;20t;1e-45
        reduce;amin;f32;20t;1e-45
        reduce;max.values;f32;20t;1e-45
        reduce;max.indices;f32;20t;0
        reduce;min.values;f32;20t;1e-45
        reduce;min.indices;f32;20t;0
        reduce;argmax;f32;20t;0
        reduce;argmin;f32;20t;0
        reduce;var;f32;20t;0
        reduce;var(0);f32;20t;0
        reduce;std;f32;20t;0
        reduce;norm(0);f32;20t;38.0
        reduce;norm(1.0);f32;20t;5.3e-44
        reduce;norm(2.0);f32;20t;0
        reduce;norm(3.0);f32;20t;0
        reduce;norm(Inf);f32;20t;1e-45
        reduce;norm(-Inf);f32;20t;1e-45
        reduce;logsumexp;f32;20t;3.637586
        reduce;softmax;f32;20t;0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579 0.02631579
        reduce;log_softmax;f32;20t;-3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586 -3.637586
        row;f32;21;1.0 2.0 2.0 1.0
        reduce;sum;f32;21;6.0
        reduce;mean;f32;21;1.5
        reduce;prod;f32;21;4.0
        reduce;amax;f32;21;2.0
        reduce;amin;f32;21;1.0
        reduce;max.values;f32;21;2.0
        reduce;max.indices;f32;21;1
        reduce;min.values;f32;21;1.0
        reduce;min.indices;f32;21;0
        reduce;argmax;f32;21;1
        reduce;argmin;f32;21;0
        reduce;var;f32;21;0.33333334
        reduce;var(0);f32;21;0.25
        reduce;std;f32;21;0.57735026
        reduce;norm(0);f32;21;4.0
        reduce;norm(1.0);f32;21;6.0
        reduce;norm(2.0);f32;21;3.1622777
        reduce;norm(3.0);f32;21;2.6207414
        reduce;norm(Inf);f32;21;2.0
        reduce;norm(-Inf);f32;21;1.0
        reduce;logsumexp;f32;21;3.0064087
        reduce;softmax;f32;21;0.13447072 0.3655293 0.3655293 0.13447072
        reduce;log_softmax;f32;21;-2.0064087 -1.0064088 -1.0064088 -2.0064087
        row;f32;21t;1.0 2.0 2.0 1.0 1.0 2.0 2.0 1.0 1.0 2.0 2.0 1.0 1.0 2.0 2.0 1.0 1.0 2.0 2.0 1.0 1.0 2.0 2.0 1.0 1.0 2.0 2.0 1.0 1.0 2.0 2.0 1.0 1.0 2.0 2.0 1.0 1.0 2.0 2.0 1.0
        reduce;sum;f32;21t;60.0
        reduce;mean;f32;21t;1.5
        reduce;prod;f32;21t;1048576.0
        reduce;amax;f32;21t;2.0
        reduce;amin;f32;21t;1.0
        reduce;max.values;f32;21t;2.0
        reduce;max.indices;f32;21t;1
        reduce;min.values;f32;21t;1.0
        reduce;min.indices;f32;21t;0
        reduce;argmax;f32;21t;1
        reduce;argmin;f32;21t;0
        reduce;var;f32;21t;0.25641027
        reduce;var(0);f32;21t;0.25
        reduce;std;f32;21t;0.5063697
        reduce;norm(0);f32;21t;40.0
        reduce;norm(1.0);f32;21t;60.0
        reduce;norm(2.0);f32;21t;10.0
        reduce;norm(3.0);f32;21t;5.6462164
        reduce;norm(Inf);f32;21t;2.0
        reduce;norm(-Inf);f32;21t;1.0
        reduce;logsumexp;f32;21t;5.3089943
        reduce;softmax;f32;21t;0.013447071 0.03655293 0.03655293 0.013447071 0.013447071 0.03655293 0.03655293 0.013447071 0.013447071 0.03655293 0.03655293 0.013447071 0.013447071 0.03655293 0.03655293 0.013447071 0.013447071 0.03655293 0.03655293 0.013447071 0.013447071 0.03655293 0.03655293 0.013447071 0.013447071 0.03655293 0.03655293 0.013447071 0.013447071 0.03655293 0.03655293 0.013447071 0.013447071 0.03655293 0.03655293 0.013447071 0.013447071 0.03655293 0.03655293 0.013447071
        reduce;log_softmax;f32;21t;-4.3089943 -3.308994 -3.308994 -4.3089943 -4.3089943 -3.308994 -3.308994 -4.3089943 -4.3089943 -3.308994 -3.308994 -4.3089943 -4.3089943 -3.308994 -3.308994 -4.3089943 -4.3089943 -3.308994 -3.308994 -4.3089943 -4.3089943 -3.308994 -3.308994 -4.3089943 -4.3089943 -3.308994 -3.308994 -4.3089943 -4.3089943 -3.308994 -3.308994 -4.3089943 -4.3089943 -3.308994 -3.308994 -4.3089943 -4.3089943 -3.308994 -3.308994 -4.3089943
        row;f32;22;2.0 NaN 2.0 NaN
        reduce;sum;f32;22;NaN
        reduce;mean;f32;22;NaN
        reduce;prod;f32;22;NaN
        reduce;amax;f32;22;NaN
        reduce;amin;f32;22;NaN
        reduce;max.values;f32;22;NaN
        reduce;max.indices;f32;22;1
        reduce;min.values;f32;22;NaN
        reduce;min.indices;f32;22;1
        reduce;argmax;f32;22;1
        reduce;argmin;f32;22;1
        reduce;var;f32;22;NaN
        reduce;var(0);f32;22;NaN
        reduce;std;f32;22;NaN
        reduce;norm(0);f32;22;4.0
        reduce;norm(1.0);f32;22;NaN
        reduce;norm(2.0);f32;22;NaN
        reduce;norm(3.0);f32;22;NaN
        reduce;norm(Inf);f32;22;NaN
        reduce;norm(-Inf);f32;22;NaN
        reduce;logsumexp;f32;22;NaN
        reduce;softmax;f32;22;NaN NaN NaN NaN
        reduce;log_softmax;f32;22;NaN NaN NaN NaN
        row;f32;22t;2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN
        reduce;sum;f32;22t;NaN
        reduce;mean;f32;22t;NaN
        reduce;prod;f32;22t;NaN
        reduce;amax;f32;22t;NaN
        reduce;amin;f32;22t;NaN
        reduce;max.values;f32;22t;NaN
        reduce;max.indices;f32;22t;1
        reduce;min.values;f32;22t;NaN
        reduce;min.indices;f32;22t;1
        reduce;argmax;f32;22t;1
        reduce;argmin;f32;22t;1
        reduce;var;f32;22t;NaN
        reduce;var(0);f32;22t;NaN
        reduce;std;f32;22t;NaN
        reduce;norm(0);f32;22t;40.0
        reduce;norm(1.0);f32;22t;NaN
        reduce;norm(2.0);f32;22t;NaN
        reduce;norm(3.0);f32;22t;NaN
        reduce;norm(Inf);f32;22t;NaN
        reduce;norm(-Inf);f32;22t;NaN
        reduce;logsumexp;f32;22t;NaN
        reduce;softmax;f32;22t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        reduce;log_softmax;f32;22t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        row;f32;23;0 0 0
        reduce;sum;f32;23;0
        reduce;mean;f32;23;0
        reduce;prod;f32;23;0
        reduce;amax;f32;23;0
        reduce;amin;f32;23;0
        reduce;max.values;f32;23;0
        reduce;max.indices;f32;23;0
        reduce;min.values;f32;23;0
        reduce;min.indices;f32;23;0
        reduce;argmax;f32;23;0
        reduce;argmin;f32;23;0
        reduce;var;f32;23;0
        reduce;var(0);f32;23;0
        reduce;std;f32;23;0
        reduce;norm(0);f32;23;0
        reduce;norm(1.0);f32;23;0
        reduce;norm(2.0);f32;23;0
        reduce;norm(3.0);f32;23;0
        reduce;norm(Inf);f32;23;0
        reduce;norm(-Inf);f32;23;0
        reduce;logsumexp;f32;23;1.0986123
        reduce;softmax;f32;23;0.33333334 0.33333334 0.33333334
        reduce;log_softmax;f32;23;-1.0986123 -1.0986123 -1.0986123
        row;f32;23t;0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
        reduce;sum;f32;23t;0
        reduce;mean;f32;23t;0
        reduce;prod;f32;23t;0
        reduce;amax;f32;23t;0
        reduce;amin;f32;23t;0
        reduce;max.values;f32;23t;0
        reduce;max.indices;f32;23t;0
        reduce;min.values;f32;23t;0
        reduce;min.indices;f32;23t;0
        reduce;argmax;f32;23t;0
        reduce;argmin;f32;23t;0
        reduce;var;f32;23t;0
        reduce;var(0);f32;23t;0
        reduce;std;f32;23t;0
        reduce;norm(0);f32;23t;0
        reduce;norm(1.0);f32;23t;0
        reduce;norm(2.0);f32;23t;0
        reduce;norm(3.0);f32;23t;0
        reduce;norm(Inf);f32;23t;0
        reduce;norm(-Inf);f32;23t;0
        reduce;logsumexp;f32;23t;3.6635616
        reduce;softmax;f32;23t;0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026 0.025641026
        reduce;log_softmax;f32;23t;-3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616 -3.6635616
        row;f32;24;-1.0 0 -0
        reduce;sum;f32;24;-1.0
        reduce;mean;f32;24;-0.33333334
        reduce;prod;f32;24;0
        reduce;amax;f32;24;0
        reduce;amin;f32;24;-1.0
        reduce;max.values;f32;24;0
        reduce;max.indices;f32;24;1
        reduce;min.values;f32;24;-1.0
        reduce;min.indices;f32;24;0
        reduce;argmax;f32;24;1
        reduce;argmin;f32;24;0
        reduce;var;f32;24;0.33333334
        reduce;var(0);f32;24;0.22222222
        reduce;std;f32;24;0.57735026
        reduce;norm(0);f32;24;1.0
        reduce;norm(1.0);f32;24;1.0
        reduce;norm(2.0);f32;24;1.0
        reduce;norm(3.0);f32;24;1.0
        reduce;norm(Inf);f32;24;1.0
        reduce;norm(-Inf);f32;24;0
        reduce;logsumexp;f32;24;0.8619948
        reduce;softmax;f32;24;0.15536241 0.42231882 0.42231882
        reduce;log_softmax;f32;24;-1.8619947 -0.8619948 -0.8619948
        row;f32;24t;-1.0 0 -0 -1.0 0 -0 -1.0 0 -0 -1.0 0 -0 -1.0 0 -0 -1.0 0 -0 -1.0 0 -0 -1.0 0 -0 -1.0 0 -0 -1.0 0 -0 -1.0 0 -0 -1.0 0 -0 -1.0 0 -0
        reduce;sum;f32;24t;-13.0
        reduce;mean;f32;24t;-0.33333334
        reduce;prod;f32;24t;0
        reduce;amax;f32;24t;0
        reduce;amin;f32;24t;-1.0
        reduce;max.values;f32;24t;0
        reduce;max.indices;f32;24t;1
        reduce;min.values;f32;24t;-1.0
        reduce;min.indices;f32;24t;0
        reduce;argmax;f32;24t;1
        reduce;argmin;f32;24t;0
        reduce;var;f32;24t;0.22807017
        reduce;var(0);f32;24t;0.22222222
        reduce;std;f32;24t;0.47756693
        reduce;norm(0);f32;24t;13.0
        reduce;norm(1.0);f32;24t;13.0
        reduce;norm(2.0);f32;24t;3.6055512
        reduce;norm(3.0);f32;24t;2.3513348
        reduce;norm(Inf);f32;24t;1.0
        reduce;norm(-Inf);f32;24t;0
        reduce;logsumexp;f32;24t;3.4269443
        reduce;softmax;f32;24t;0.011950955 0.032486062 0.032486062 0.011950955 0.032486062 0.032486062 0.011950955 0.032486062 0.032486062 0.011950955 0.032486062 0.032486062 0.011950955 0.032486062 0.032486062 0.011950955 0.032486062 0.032486062 0.011950955 0.032486062 0.032486062 0.011950955 0.032486062 0.032486062 0.011950955 0.032486062 0.032486062 0.011950955 0.032486062 0.032486062 0.011950955 0.032486062 0.032486062 0.011950955 0.032486062 0.032486062 0.011950955 0.032486062 0.032486062
        reduce;log_softmax;f32;24t;-4.426944 -3.426944 -3.426944 -4.426944 -3.426944 -3.426944 -4.426944 -3.426944 -3.426944 -4.426944 -3.426944 -3.426944 -4.426944 -3.426944 -3.426944 -4.426944 -3.426944 -3.426944 -4.426944 -3.426944 -3.426944 -4.426944 -3.426944 -3.426944 -4.426944 -3.426944 -3.426944 -4.426944 -3.426944 -3.426944 -4.426944 -3.426944 -3.426944 -4.426944 -3.426944 -3.426944 -4.426944 -3.426944 -3.426944
        row;f32;25;2.5
        reduce;sum;f32;25;2.5
        reduce;mean;f32;25;2.5
        reduce;prod;f32;25;2.5
        reduce;amax;f32;25;2.5
        reduce;amin;f32;25;2.5
        reduce;max.values;f32;25;2.5
        reduce;max.indices;f32;25;0
        reduce;min.values;f32;25;2.5
        reduce;min.indices;f32;25;0
        reduce;argmax;f32;25;0
        reduce;argmin;f32;25;0
        reduce;var;f32;25;NaN
        reduce;var(0);f32;25;0
        reduce;std;f32;25;NaN
        reduce;norm(0);f32;25;1.0
        reduce;norm(1.0);f32;25;2.5
        reduce;norm(2.0);f32;25;2.5
        reduce;norm(3.0);f32;25;2.5
        reduce;norm(Inf);f32;25;2.5
        reduce;norm(-Inf);f32;25;2.5
        reduce;logsumexp;f32;25;2.5
        reduce;softmax;f32;25;1.0
        reduce;log_softmax;f32;25;0
        row;f32;25t;2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5
        reduce;sum;f32;25t;92.5
        reduce;mean;f32;25t;2.5
        reduce;prod;f32;25t;529395620000000.0
        reduce;amax;f32;25t;2.5
        reduce;amin;f32;25t;2.5
        reduce;max.values;f32;25t;2.5
        reduce;max.indices;f32;25t;0
        reduce;min.values;f32;25t;2.5
        reduce;min.indices;f32;25t;0
        reduce;argmax;f32;25t;0
        reduce;argmin;f32;25t;0
        reduce;var;f32;25t;0
        reduce;var(0);f32;25t;0
        reduce;std;f32;25t;0
        reduce;norm(0);f32;25t;37.0
        reduce;norm(1.0);f32;25t;92.5
        reduce;norm(2.0);f32;25t;15.206906
        reduce;norm(3.0);f32;25t;8.330555
        reduce;norm(Inf);f32;25t;2.5
        reduce;norm(-Inf);f32;25t;2.5
        reduce;logsumexp;f32;25t;6.110918
        reduce;softmax;f32;25t;0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028 0.027027028
        reduce;log_softmax;f32;25t;-3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178 -3.6109178
        row;f64;0;NaN 1.0 2.0
        reduce;sum;f64;0;NaN
        reduce;mean;f64;0;NaN
        reduce;prod;f64;0;NaN
        reduce;amax;f64;0;NaN
        reduce;amin;f64;0;NaN
        reduce;max.values;f64;0;NaN
        reduce;max.indices;f64;0;0
        reduce;min.values;f64;0;NaN
        reduce;min.indices;f64;0;0
        reduce;argmax;f64;0;0
        reduce;argmin;f64;0;0
        reduce;var;f64;0;NaN
        reduce;var(0);f64;0;NaN
        reduce;std;f64;0;NaN
        reduce;norm(0);f64;0;3.0
        reduce;norm(1.0);f64;0;NaN
        reduce;norm(2.0);f64;0;NaN
        reduce;norm(3.0);f64;0;NaN
        reduce;norm(Inf);f64;0;NaN
        reduce;norm(-Inf);f64;0;NaN
        reduce;logsumexp;f64;0;NaN
        reduce;softmax;f64;0;NaN NaN NaN
        reduce;log_softmax;f64;0;NaN NaN NaN
        row;f64;0t;NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0
        reduce;sum;f64;0t;NaN
        reduce;mean;f64;0t;NaN
        reduce;prod;f64;0t;NaN
        reduce;amax;f64;0t;NaN
        reduce;amin;f64;0t;NaN
        reduce;max.values;f64;0t;NaN
        reduce;max.indices;f64;0t;0
        reduce;min.values;f64;0t;NaN
        reduce;min.indices;f64;0t;0
        reduce;argmax;f64;0t;0
        reduce;argmin;f64;0t;0
        reduce;var;f64;0t;NaN
        reduce;var(0);f64;0t;NaN
        reduce;std;f64;0t;NaN
        reduce;norm(0);f64;0t;39.0
        reduce;norm(1.0);f64;0t;NaN
        reduce;norm(2.0);f64;0t;NaN
        reduce;norm(3.0);f64;0t;NaN
        reduce;norm(Inf);f64;0t;NaN
        reduce;norm(-Inf);f64;0t;NaN
        reduce;logsumexp;f64;0t;NaN
        reduce;softmax;f64;0t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        reduce;log_softmax;f64;0t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        row;f64;1;1.0 NaN 2.0
        reduce;sum;f64;1;NaN
        reduce;mean;f64;1;NaN
        reduce;prod;f64;1;NaN
        reduce;amax;f64;1;NaN
        reduce;amin;f64;1;NaN
        reduce;max.values;f64;1;NaN
        reduce;max.indices;f64;1;1
        reduce;min.values;f64;1;NaN
        reduce;min.indices;f64;1;1
        reduce;argmax;f64;1;1
        reduce;argmin;f64;1;1
        reduce;var;f64;1;NaN
        reduce;var(0);f64;1;NaN
        reduce;std;f64;1;NaN
        reduce;norm(0);f64;1;3.0
        reduce;norm(1.0);f64;1;NaN
        reduce;norm(2.0);f64;1;NaN
        reduce;norm(3.0);f64;1;NaN
        reduce;norm(Inf);f64;1;NaN
        reduce;norm(-Inf);f64;1;NaN
        reduce;logsumexp;f64;1;NaN
        reduce;softmax;f64;1;NaN NaN NaN
        reduce;log_softmax;f64;1;NaN NaN NaN
        row;f64;1t;1.0 NaN 2.0 1.0 NaN 2.0 1.0 NaN 2.0 1.0 NaN 2.0 1.0 NaN 2.0 1.0 NaN 2.0 1.0 NaN 2.0 1.0 NaN 2.0 1.0 NaN 2.0 1.0 NaN 2.0 1.0 NaN 2.0 1.0 NaN 2.0 1.0 NaN 2.0
        reduce;sum;f64;1t;NaN
        reduce;mean;f64;1t;NaN
        reduce;prod;f64;1t;NaN
        reduce;amax;f64;1t;NaN
        reduce;amin;f64;1t;NaN
        reduce;max.values;f64;1t;NaN
        reduce;max.indices;f64;1t;1
        reduce;min.values;f64;1t;NaN
        reduce;min.indices;f64;1t;1
        reduce;argmax;f64;1t;1
        reduce;argmin;f64;1t;1
        reduce;var;f64;1t;NaN
        reduce;var(0);f64;1t;NaN
        reduce;std;f64;1t;NaN
        reduce;norm(0);f64;1t;39.0
        reduce;norm(1.0);f64;1t;NaN
        reduce;norm(2.0);f64;1t;NaN
        reduce;norm(3.0);f64;1t;NaN
        reduce;norm(Inf);f64;1t;NaN
        reduce;norm(-Inf);f64;1t;NaN
        reduce;logsumexp;f64;1t;NaN
        reduce;softmax;f64;1t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        reduce;log_softmax;f64;1t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        row;f64;2;1.0 2.0 NaN
        reduce;sum;f64;2;NaN
        reduce;mean;f64;2;NaN
        reduce;prod;f64;2;NaN
        reduce;amax;f64;2;NaN
        reduce;amin;f64;2;NaN
        reduce;max.values;f64;2;NaN
        reduce;max.indices;f64;2;2
        reduce;min.values;f64;2;NaN
        reduce;min.indices;f64;2;2
        reduce;argmax;f64;2;2
        reduce;argmin;f64;2;2
        reduce;var;f64;2;NaN
        reduce;var(0);f64;2;NaN
        reduce;std;f64;2;NaN
        reduce;norm(0);f64;2;3.0
        reduce;norm(1.0);f64;2;NaN
        reduce;norm(2.0);f64;2;NaN
        reduce;norm(3.0);f64;2;NaN
        reduce;norm(Inf);f64;2;NaN
        reduce;norm(-Inf);f64;2;NaN
        reduce;logsumexp;f64;2;NaN
        reduce;softmax;f64;2;NaN NaN NaN
        reduce;log_softmax;f64;2;NaN NaN NaN
        row;f64;2t;1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN 1.0 2.0 NaN
        reduce;sum;f64;2t;NaN
        reduce;mean;f64;2t;NaN
        reduce;prod;f64;2t;NaN
        reduce;amax;f64;2t;NaN
        reduce;amin;f64;2t;NaN
        reduce;max.values;f64;2t;NaN
        reduce;max.indices;f64;2t;2
        reduce;min.values;f64;2t;NaN
        reduce;min.indices;f64;2t;2
        reduce;argmax;f64;2t;2
        reduce;argmin;f64;2t;2
        reduce;var;f64;2t;NaN
        reduce;var(0);f64;2t;NaN
        reduce;std;f64;2t;NaN
        reduce;norm(0);f64;2t;39.0
        reduce;norm(1.0);f64;2t;NaN
        reduce;norm(2.0);f64;2t;NaN
        reduce;norm(3.0);f64;2t;NaN
        reduce;norm(Inf);f64;2t;NaN
        reduce;norm(-Inf);f64;2t;NaN
        reduce;logsumexp;f64;2t;NaN
        reduce;softmax;f64;2t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        reduce;log_softmax;f64;2t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        row;f64;3;NaN NaN
        reduce;sum;f64;3;NaN
        reduce;mean;f64;3;NaN
        reduce;prod;f64;3;NaN
        reduce;amax;f64;3;NaN
        reduce;amin;f64;3;NaN
        reduce;max.values;f64;3;NaN
        reduce;max.indices;f64;3;0
        reduce;min.values;f64;3;NaN
        reduce;min.indices;f64;3;0
        reduce;argmax;f64;3;0
        reduce;argmin;f64;3;0
        reduce;var;f64;3;NaN
        reduce;var(0);f64;3;NaN
        reduce;std;f64;3;NaN
        reduce;norm(0);f64;3;2.0
        reduce;norm(1.0);f64;3;NaN
        reduce;norm(2.0);f64;3;NaN
        reduce;norm(3.0);f64;3;NaN
        reduce;norm(Inf);f64;3;NaN
        reduce;norm(-Inf);f64;3;NaN
        reduce;logsumexp;f64;3;NaN
        reduce;softmax;f64;3;NaN NaN
        reduce;log_softmax;f64;3;NaN NaN
        row;f64;3t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        reduce;sum;f64;3t;NaN
        reduce;mean;f64;3t;NaN
        reduce;prod;f64;3t;NaN
        reduce;amax;f64;3t;NaN
        reduce;amin;f64;3t;NaN
        reduce;max.values;f64;3t;NaN
        reduce;max.indices;f64;3t;0
        reduce;min.values;f64;3t;NaN
        reduce;min.indices;f64;3t;0
        reduce;argmax;f64;3t;0
        reduce;argmin;f64;3t;0
        reduce;var;f64;3t;NaN
        reduce;var(0);f64;3t;NaN
        reduce;std;f64;3t;NaN
        reduce;norm(0);f64;3t;38.0
        reduce;norm(1.0);f64;3t;NaN
        reduce;norm(2.0);f64;3t;NaN
        reduce;norm(3.0);f64;3t;NaN
        reduce;norm(Inf);f64;3t;NaN
        reduce;norm(-Inf);f64;3t;NaN
        reduce;logsumexp;f64;3t;NaN
        reduce;softmax;f64;3t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        reduce;log_softmax;f64;3t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        row;f64;4;1.0 NaN Inf
        reduce;sum;f64;4;NaN
        reduce;mean;f64;4;NaN
        reduce;prod;f64;4;NaN
        reduce;amax;f64;4;NaN
        reduce;amin;f64;4;NaN
        reduce;max.values;f64;4;NaN
        reduce;max.indices;f64;4;1
        reduce;min.values;f64;4;NaN
        reduce;min.indices;f64;4;1
        reduce;argmax;f64;4;1
        reduce;argmin;f64;4;1
        reduce;var;f64;4;NaN
        reduce;var(0);f64;4;NaN
        reduce;std;f64;4;NaN
        reduce;norm(0);f64;4;3.0
        reduce;norm(1.0);f64;4;NaN
        reduce;norm(2.0);f64;4;NaN
        reduce;norm(3.0);f64;4;NaN
        reduce;norm(Inf);f64;4;NaN
        reduce;norm(-Inf);f64;4;NaN
        reduce;logsumexp;f64;4;NaN
        reduce;softmax;f64;4;NaN NaN NaN
        reduce;log_softmax;f64;4;NaN NaN NaN
        row;f64;4t;1.0 NaN Inf 1.0 NaN Inf 1.0 NaN Inf 1.0 NaN Inf 1.0 NaN Inf 1.0 NaN Inf 1.0 NaN Inf 1.0 NaN Inf 1.0 NaN Inf 1.0 NaN Inf 1.0 NaN Inf 1.0 NaN Inf 1.0 NaN Inf
        reduce;sum;f64;4t;NaN
        reduce;mean;f64;4t;NaN
        reduce;prod;f64;4t;NaN
        reduce;amax;f64;4t;NaN
        reduce;amin;f64;4t;NaN
        reduce;max.values;f64;4t;NaN
        reduce;max.indices;f64;4t;1
        reduce;min.values;f64;4t;NaN
        reduce;min.indices;f64;4t;1
        reduce;argmax;f64;4t;1
        reduce;argmin;f64;4t;1
        reduce;var;f64;4t;NaN
        reduce;var(0);f64;4t;NaN
        reduce;std;f64;4t;NaN
        reduce;norm(0);f64;4t;39.0
        reduce;norm(1.0);f64;4t;NaN
        reduce;norm(2.0);f64;4t;NaN
        reduce;norm(3.0);f64;4t;NaN
        reduce;norm(Inf);f64;4t;NaN
        reduce;norm(-Inf);f64;4t;NaN
        reduce;logsumexp;f64;4t;NaN
        reduce;softmax;f64;4t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        reduce;log_softmax;f64;4t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        row;f64;5;Inf NaN
        reduce;sum;f64;5;NaN
        reduce;mean;f64;5;NaN
        reduce;prod;f64;5;NaN
        reduce;amax;f64;5;NaN
        reduce;amin;f64;5;NaN
        reduce;max.values;f64;5;NaN
        reduce;max.indices;f64;5;1
        reduce;min.values;f64;5;NaN
        reduce;min.indices;f64;5;1
        reduce;argmax;f64;5;1
        reduce;argmin;f64;5;1
        reduce;var;f64;5;NaN
        reduce;var(0);f64;5;NaN
        reduce;std;f64;5;NaN
        reduce;norm(0);f64;5;2.0
        reduce;norm(1.0);f64;5;NaN
        reduce;norm(2.0);f64;5;NaN
        reduce;norm(3.0);f64;5;NaN
        reduce;norm(Inf);f64;5;NaN
        reduce;norm(-Inf);f64;5;NaN
        reduce;logsumexp;f64;5;NaN
        reduce;softmax;f64;5;NaN NaN
        reduce;log_softmax;f64;5;NaN NaN
        row;f64;5t;Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN Inf NaN
        reduce;sum;f64;5t;NaN
        reduce;mean;f64;5t;NaN
        reduce;prod;f64;5t;NaN
        reduce;amax;f64;5t;NaN
        reduce;amin;f64;5t;NaN
        reduce;max.values;f64;5t;NaN
        reduce;max.indices;f64;5t;1
        reduce;min.values;f64;5t;NaN
        reduce;min.indices;f64;5t;1
        reduce;argmax;f64;5t;1
        reduce;argmin;f64;5t;1
        reduce;var;f64;5t;NaN
        reduce;var(0);f64;5t;NaN
        reduce;std;f64;5t;NaN
        reduce;norm(0);f64;5t;38.0
        reduce;norm(1.0);f64;5t;NaN
        reduce;norm(2.0);f64;5t;NaN
        reduce;norm(3.0);f64;5t;NaN
        reduce;norm(Inf);f64;5t;NaN
        reduce;norm(-Inf);f64;5t;NaN
        reduce;logsumexp;f64;5t;NaN
        reduce;softmax;f64;5t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        reduce;log_softmax;f64;5t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        row;f64;6;-Inf NaN
        reduce;sum;f64;6;NaN
        reduce;mean;f64;6;NaN
        reduce;prod;f64;6;NaN
        reduce;amax;f64;6;NaN
        reduce;amin;f64;6;NaN
        reduce;max.values;f64;6;NaN
        reduce;max.indices;f64;6;1
        reduce;min.values;f64;6;NaN
        reduce;min.indices;f64;6;1
        reduce;argmax;f64;6;1
        reduce;argmin;f64;6;1
        reduce;var;f64;6;NaN
        reduce;var(0);f64;6;NaN
        reduce;std;f64;6;NaN
        reduce;norm(0);f64;6;2.0
        reduce;norm(1.0);f64;6;NaN
        reduce;norm(2.0);f64;6;NaN
        reduce;norm(3.0);f64;6;NaN
        reduce;norm(Inf);f64;6;NaN
        reduce;norm(-Inf);f64;6;NaN
        reduce;logsumexp;f64;6;NaN
        reduce;softmax;f64;6;NaN NaN
        reduce;log_softmax;f64;6;NaN NaN
        row;f64;6t;-Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN -Inf NaN
        reduce;sum;f64;6t;NaN
        reduce;mean;f64;6t;NaN
        reduce;prod;f64;6t;NaN
        reduce;amax;f64;6t;NaN
        reduce;amin;f64;6t;NaN
        reduce;max.values;f64;6t;NaN
        reduce;max.indices;f64;6t;1
        reduce;min.values;f64;6t;NaN
        reduce;min.indices;f64;6t;1
        reduce;argmax;f64;6t;1
        reduce;argmin;f64;6t;1
        reduce;var;f64;6t;NaN
        reduce;var(0);f64;6t;NaN
        reduce;std;f64;6t;NaN
        reduce;norm(0);f64;6t;38.0
        reduce;norm(1.0);f64;6t;NaN
        reduce;norm(2.0);f64;6t;NaN
        reduce;norm(3.0);f64;6t;NaN
        reduce;norm(Inf);f64;6t;NaN
        reduce;norm(-Inf);f64;6t;NaN
        reduce;logsumexp;f64;6t;NaN
        reduce;softmax;f64;6t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        reduce;log_softmax;f64;6t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        row;f64;7;Inf -Inf
        reduce;sum;f64;7;NaN
        reduce;mean;f64;7;NaN
        reduce;prod;f64;7;-Inf
        reduce;amax;f64;7;Inf
        reduce;amin;f64;7;-Inf
        reduce;max.values;f64;7;Inf
        reduce;max.indices;f64;7;0
        reduce;min.values;f64;7;-Inf
        reduce;min.indices;f64;7;1
        reduce;argmax;f64;7;0
        reduce;argmin;f64;7;1
        reduce;var;f64;7;NaN
        reduce;var(0);f64;7;NaN
        reduce;std;f64;7;NaN
        reduce;norm(0);f64;7;2.0
        reduce;norm(1.0);f64;7;Inf
        reduce;norm(2.0);f64;7;Inf
        reduce;norm(3.0);f64;7;Inf
        reduce;norm(Inf);f64;7;Inf
        reduce;norm(-Inf);f64;7;Inf
        reduce;logsumexp;f64;7;Inf
        reduce;softmax;f64;7;NaN NaN
        reduce;log_softmax;f64;7;NaN NaN
        row;f64;7t;Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf Inf -Inf
        reduce;sum;f64;7t;NaN
        reduce;mean;f64;7t;NaN
        reduce;prod;f64;7t;-Inf
        reduce;amax;f64;7t;Inf
        reduce;amin;f64;7t;-Inf
        reduce;max.values;f64;7t;Inf
        reduce;max.indices;f64;7t;0
        reduce;min.values;f64;7t;-Inf
        reduce;min.indices;f64;7t;1
        reduce;argmax;f64;7t;0
        reduce;argmin;f64;7t;1
        reduce;var;f64;7t;NaN
        reduce;var(0);f64;7t;NaN
        reduce;std;f64;7t;NaN
        reduce;norm(0);f64;7t;38.0
        reduce;norm(1.0);f64;7t;Inf
        reduce;norm(2.0);f64;7t;Inf
        reduce;norm(3.0);f64;7t;Inf
        reduce;norm(Inf);f64;7t;Inf
        reduce;norm(-Inf);f64;7t;Inf
        reduce;logsumexp;f64;7t;Inf
        reduce;softmax;f64;7t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        reduce;log_softmax;f64;7t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        row;f64;8;Inf Inf
        reduce;sum;f64;8;Inf
        reduce;mean;f64;8;Inf
        reduce;prod;f64;8;Inf
        reduce;amax;f64;8;Inf
        reduce;amin;f64;8;Inf
        reduce;max.values;f64;8;Inf
        reduce;max.indices;f64;8;0
        reduce;min.values;f64;8;Inf
        reduce;min.indices;f64;8;0
        reduce;argmax;f64;8;0
        reduce;argmin;f64;8;0
        reduce;var;f64;8;NaN
        reduce;var(0);f64;8;NaN
        reduce;std;f64;8;NaN
        reduce;norm(0);f64;8;2.0
        reduce;norm(1.0);f64;8;Inf
        reduce;norm(2.0);f64;8;Inf
        reduce;norm(3.0);f64;8;Inf
        reduce;norm(Inf);f64;8;Inf
        reduce;norm(-Inf);f64;8;Inf
        reduce;logsumexp;f64;8;Inf
        reduce;softmax;f64;8;NaN NaN
        reduce;log_softmax;f64;8;NaN NaN
        row;f64;8t;Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf Inf
        reduce;sum;f64;8t;Inf
        reduce;mean;f64;8t;Inf
        reduce;prod;f64;8t;Inf
        reduce;amax;f64;8t;Inf
        reduce;amin;f64;8t;Inf
        reduce;max.values;f64;8t;Inf
        reduce;max.indices;f64;8t;0
        reduce;min.values;f64;8t;Inf
        reduce;min.indices;f64;8t;0
        reduce;argmax;f64;8t;0
        reduce;argmin;f64;8t;0
        reduce;var;f64;8t;NaN
        reduce;var(0);f64;8t;NaN
        reduce;std;f64;8t;NaN
        reduce;norm(0);f64;8t;38.0
        reduce;norm(1.0);f64;8t;Inf
        reduce;norm(2.0);f64;8t;Inf
        reduce;norm(3.0);f64;8t;Inf
        reduce;norm(Inf);f64;8t;Inf
        reduce;norm(-Inf);f64;8t;Inf
        reduce;logsumexp;f64;8t;Inf
        reduce;softmax;f64;8t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        reduce;log_softmax;f64;8t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        row;f64;9;-Inf -Inf
        reduce;sum;f64;9;-Inf
        reduce;mean;f64;9;-Inf
        reduce;prod;f64;9;Inf
        reduce;amax;f64;9;-Inf
        reduce;amin;f64;9;-Inf
        reduce;max.values;f64;9;-Inf
        reduce;max.indices;f64;9;0
        reduce;min.values;f64;9;-Inf
        reduce;min.indices;f64;9;0
        reduce;argmax;f64;9;0
        reduce;argmin;f64;9;0
        reduce;var;f64;9;NaN
        reduce;var(0);f64;9;NaN
        reduce;std;f64;9;NaN
        reduce;norm(0);f64;9;2.0
        reduce;norm(1.0);f64;9;Inf
        reduce;norm(2.0);f64;9;Inf
        reduce;norm(3.0);f64;9;Inf
        reduce;norm(Inf);f64;9;Inf
        reduce;norm(-Inf);f64;9;Inf
        reduce;logsumexp;f64;9;-Inf
        reduce;softmax;f64;9;NaN NaN
        reduce;log_softmax;f64;9;NaN NaN
        row;f64;9t;-Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf -Inf
        reduce;sum;f64;9t;-Inf
        reduce;mean;f64;9t;-Inf
        reduce;prod;f64;9t;Inf
        reduce;amax;f64;9t;-Inf
        reduce;amin;f64;9t;-Inf
        reduce;max.values;f64;9t;-Inf
        reduce;max.indices;f64;9t;0
        reduce;min.values;f64;9t;-Inf
        reduce;min.indices;f64;9t;0
        reduce;argmax;f64;9t;0
        reduce;argmin;f64;9t;0
        reduce;var;f64;9t;NaN
        reduce;var(0);f64;9t;NaN
        reduce;std;f64;9t;NaN
        reduce;norm(0);f64;9t;38.0
        reduce;norm(1.0);f64;9t;Inf
        reduce;norm(2.0);f64;9t;Inf
        reduce;norm(3.0);f64;9t;Inf
        reduce;norm(Inf);f64;9t;Inf
        reduce;norm(-Inf);f64;9t;Inf
        reduce;logsumexp;f64;9t;-Inf
        reduce;softmax;f64;9t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        reduce;log_softmax;f64;9t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        row;f64;10;Inf 1.0
        reduce;sum;f64;10;Inf
        reduce;mean;f64;10;Inf
        reduce;prod;f64;10;Inf
        reduce;amax;f64;10;Inf
        reduce;amin;f64;10;1.0
        reduce;max.values;f64;10;Inf
        reduce;max.indices;f64;10;0
        reduce;min.values;f64;10;1.0
        reduce;min.indices;f64;10;1
        reduce;argmax;f64;10;0
        reduce;argmin;f64;10;1
        reduce;var;f64;10;NaN
        reduce;var(0);f64;10;NaN
        reduce;std;f64;10;NaN
        reduce;norm(0);f64;10;2.0
        reduce;norm(1.0);f64;10;Inf
        reduce;norm(2.0);f64;10;Inf
        reduce;norm(3.0);f64;10;Inf
        reduce;norm(Inf);f64;10;Inf
        reduce;norm(-Inf);f64;10;1.0
        reduce;logsumexp;f64;10;Inf
        reduce;softmax;f64;10;NaN NaN
        reduce;log_softmax;f64;10;NaN NaN
        row;f64;10t;Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0 Inf 1.0
        reduce;sum;f64;10t;Inf
        reduce;mean;f64;10t;Inf
        reduce;prod;f64;10t;Inf
        reduce;amax;f64;10t;Inf
        reduce;amin;f64;10t;1.0
        reduce;max.values;f64;10t;Inf
        reduce;max.indices;f64;10t;0
        reduce;min.values;f64;10t;1.0
        reduce;min.indices;f64;10t;1
        reduce;argmax;f64;10t;0
        reduce;argmin;f64;10t;1
        reduce;var;f64;10t;NaN
        reduce;var(0);f64;10t;NaN
        reduce;std;f64;10t;NaN
        reduce;norm(0);f64;10t;38.0
        reduce;norm(1.0);f64;10t;Inf
        reduce;norm(2.0);f64;10t;Inf
        reduce;norm(3.0);f64;10t;Inf
        reduce;norm(Inf);f64;10t;Inf
        reduce;norm(-Inf);f64;10t;1.0
        reduce;logsumexp;f64;10t;Inf
        reduce;softmax;f64;10t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        reduce;log_softmax;f64;10t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        row;f64;11;-Inf 1.0
        reduce;sum;f64;11;-Inf
        reduce;mean;f64;11;-Inf
        reduce;prod;f64;11;-Inf
        reduce;amax;f64;11;1.0
        reduce;amin;f64;11;-Inf
        reduce;max.values;f64;11;1.0
        reduce;max.indices;f64;11;1
        reduce;min.values;f64;11;-Inf
        reduce;min.indices;f64;11;0
        reduce;argmax;f64;11;1
        reduce;argmin;f64;11;0
        reduce;var;f64;11;NaN
        reduce;var(0);f64;11;NaN
        reduce;std;f64;11;NaN
        reduce;norm(0);f64;11;2.0
        reduce;norm(1.0);f64;11;Inf
        reduce;norm(2.0);f64;11;Inf
        reduce;norm(3.0);f64;11;Inf
        reduce;norm(Inf);f64;11;Inf
        reduce;norm(-Inf);f64;11;1.0
        reduce;logsumexp;f64;11;1.0
        reduce;softmax;f64;11;0 1.0
        reduce;log_softmax;f64;11;-Inf 0
        row;f64;11t;-Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0 -Inf 1.0
        reduce;sum;f64;11t;-Inf
        reduce;mean;f64;11t;-Inf
        reduce;prod;f64;11t;-Inf
        reduce;amax;f64;11t;1.0
        reduce;amin;f64;11t;-Inf
        reduce;max.values;f64;11t;1.0
        reduce;max.indices;f64;11t;1
        reduce;min.values;f64;11t;-Inf
        reduce;min.indices;f64;11t;0
        reduce;argmax;f64;11t;1
        reduce;argmin;f64;11t;0
        reduce;var;f64;11t;NaN
        reduce;var(0);f64;11t;NaN
        reduce;std;f64;11t;NaN
        reduce;norm(0);f64;11t;38.0
        reduce;norm(1.0);f64;11t;Inf
        reduce;norm(2.0);f64;11t;Inf
        reduce;norm(3.0);f64;11t;Inf
        reduce;norm(Inf);f64;11t;Inf
        reduce;norm(-Inf);f64;11t;1.0
        reduce;logsumexp;f64;11t;3.9444389791664403
        reduce;softmax;f64;11t;0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842
        reduce;log_softmax;f64;11t;-Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403
        row;f64;12;1.0 -Inf 2.0
        reduce;sum;f64;12;-Inf
        reduce;mean;f64;12;-Inf
        reduce;prod;f64;12;-Inf
        reduce;amax;f64;12;2.0
        reduce;amin;f64;12;-Inf
        reduce;max.values;f64;12;2.0
        reduce;max.indices;f64;12;2
        reduce;min.values;f64;12;-Inf
        reduce;min.indices;f64;12;1
        reduce;argmax;f64;12;2
        reduce;argmin;f64;12;1
        reduce;var;f64;12;NaN
        reduce;var(0);f64;12;NaN
        reduce;std;f64;12;NaN
        reduce;norm(0);f64;12;3.0
        reduce;norm(1.0);f64;12;Inf
        reduce;norm(2.0);f64;12;Inf
        reduce;norm(3.0);f64;12;Inf
        reduce;norm(Inf);f64;12;Inf
        reduce;norm(-Inf);f64;12;1.0
        reduce;logsumexp;f64;12;2.313261687518223
        reduce;softmax;f64;12;0.26894142136999516 0 0.7310585786300049
        reduce;log_softmax;f64;12;-1.3132616875182228 -Inf -0.31326168751822286
        row;f64;12t;1.0 -Inf 2.0 1.0 -Inf 2.0 1.0 -Inf 2.0 1.0 -Inf 2.0 1.0 -Inf 2.0 1.0 -Inf 2.0 1.0 -Inf 2.0 1.0 -Inf 2.0 1.0 -Inf 2.0 1.0 -Inf 2.0 1.0 -Inf 2.0 1.0 -Inf 2.0 1.0 -Inf 2.0
        reduce;sum;f64;12t;-Inf
        reduce;mean;f64;12t;-Inf
        reduce;prod;f64;12t;-Inf
        reduce;amax;f64;12t;2.0
        reduce;amin;f64;12t;-Inf
        reduce;max.values;f64;12t;2.0
        reduce;max.indices;f64;12t;2
        reduce;min.values;f64;12t;-Inf
        reduce;min.indices;f64;12t;1
        reduce;argmax;f64;12t;2
        reduce;argmin;f64;12t;1
        reduce;var;f64;12t;NaN
        reduce;var(0);f64;12t;NaN
        reduce;std;f64;12t;NaN
        reduce;norm(0);f64;12t;39.0
        reduce;norm(1.0);f64;12t;Inf
        reduce;norm(2.0);f64;12t;Inf
        reduce;norm(3.0);f64;12t;Inf
        reduce;norm(Inf);f64;12t;Inf
        reduce;norm(-Inf);f64;12t;1.0
        reduce;logsumexp;f64;12t;4.878211044979759
        reduce;softmax;f64;12t;0.02068780164384578 0 0.056235275279231146 0.02068780164384578 0 0.056235275279231146 0.02068780164384578 0 0.056235275279231146 0.02068780164384578 0 0.056235275279231146 0.02068780164384578 0 0.056235275279231146 0.02068780164384578 0 0.056235275279231146 0.02068780164384578 0 0.056235275279231146 0.02068780164384578 0 0.056235275279231146 0.02068780164384578 0 0.056235275279231146 0.02068780164384578 0 0.056235275279231146 0.02068780164384578 0 0.056235275279231146 0.02068780164384578 0 0.056235275279231146 0.02068780164384578 0 0.056235275279231146
        reduce;log_softmax;f64;12t;-3.8782110449797593 -Inf -2.8782110449797593 -3.8782110449797593 -Inf -2.8782110449797593 -3.8782110449797593 -Inf -2.8782110449797593 -3.8782110449797593 -Inf -2.8782110449797593 -3.8782110449797593 -Inf -2.8782110449797593 -3.8782110449797593 -Inf -2.8782110449797593 -3.8782110449797593 -Inf -2.8782110449797593 -3.8782110449797593 -Inf -2.8782110449797593 -3.8782110449797593 -Inf -2.8782110449797593 -3.8782110449797593 -Inf -2.8782110449797593 -3.8782110449797593 -Inf -2.8782110449797593 -3.8782110449797593 -Inf -2.8782110449797593 -3.8782110449797593 -Inf -2.8782110449797593
        row;f64;13;-0 -0
        reduce;sum;f64;13;0
        reduce;mean;f64;13;0
        reduce;prod;f64;13;0
        reduce;amax;f64;13;-0
        reduce;amin;f64;13;-0
        reduce;max.values;f64;13;-0
        reduce;max.indices;f64;13;0
        reduce;min.values;f64;13;-0
        reduce;min.indices;f64;13;0
        reduce;argmax;f64;13;0
        reduce;argmin;f64;13;0
        reduce;var;f64;13;0
        reduce;var(0);f64;13;0
        reduce;std;f64;13;0
        reduce;norm(0);f64;13;0
        reduce;norm(1.0);f64;13;0
        reduce;norm(2.0);f64;13;0
        reduce;norm(3.0);f64;13;0
        reduce;norm(Inf);f64;13;0
        reduce;norm(-Inf);f64;13;0
        reduce;logsumexp;f64;13;0.6931471805599453
        reduce;softmax;f64;13;0.5 0.5
        reduce;log_softmax;f64;13;-0.6931471805599453 -0.6931471805599453
        row;f64;13t;-0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0
        reduce;sum;f64;13t;0
        reduce;mean;f64;13t;0
        reduce;prod;f64;13t;0
        reduce;amax;f64;13t;-0
        reduce;amin;f64;13t;-0
        reduce;max.values;f64;13t;-0
        reduce;max.indices;f64;13t;0
        reduce;min.values;f64;13t;-0
        reduce;min.indices;f64;13t;0
        reduce;argmax;f64;13t;0
        reduce;argmin;f64;13t;0
        reduce;var;f64;13t;0
        reduce;var(0);f64;13t;0
        reduce;std;f64;13t;0
        reduce;norm(0);f64;13t;0
        reduce;norm(1.0);f64;13t;0
        reduce;norm(2.0);f64;13t;0
        reduce;norm(3.0);f64;13t;0
        reduce;norm(Inf);f64;13t;0
        reduce;norm(-Inf);f64;13t;0
        reduce;logsumexp;f64;13t;3.6375861597263857
        reduce;softmax;f64;13t;0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421
        reduce;log_softmax;f64;13t;-3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857
        row;f64;14;0 -0
        reduce;sum;f64;14;0
        reduce;mean;f64;14;0
        reduce;prod;f64;14;-0
        reduce;amax;f64;14;0
        reduce;amin;f64;14;0
        reduce;max.values;f64;14;0
        reduce;max.indices;f64;14;0
        reduce;min.values;f64;14;0
        reduce;min.indices;f64;14;0
        reduce;argmax;f64;14;0
        reduce;argmin;f64;14;0
        reduce;var;f64;14;0
        reduce;var(0);f64;14;0
        reduce;std;f64;14;0
        reduce;norm(0);f64;14;0
        reduce;norm(1.0);f64;14;0
        reduce;norm(2.0);f64;14;0
        reduce;norm(3.0);f64;14;0
        reduce;norm(Inf);f64;14;0
        reduce;norm(-Inf);f64;14;0
        reduce;logsumexp;f64;14;0.6931471805599453
        reduce;softmax;f64;14;0.5 0.5
        reduce;log_softmax;f64;14;-0.6931471805599453 -0.6931471805599453
        row;f64;14t;0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0
        reduce;sum;f64;14t;0
        reduce;mean;f64;14t;0
        reduce;prod;f64;14t;-0
        reduce;amax;f64;14t;0
        reduce;amin;f64;14t;0
        reduce;max.values;f64;14t;0
        reduce;max.indices;f64;14t;0
        reduce;min.values;f64;14t;0
        reduce;min.indices;f64;14t;0
        reduce;argmax;f64;14t;0
        reduce;argmin;f64;14t;0
        reduce;var;f64;14t;0
        reduce;var(0);f64;14t;0
        reduce;std;f64;14t;0
        reduce;norm(0);f64;14t;0
        reduce;norm(1.0);f64;14t;0
        reduce;norm(2.0);f64;14t;0
        reduce;norm(3.0);f64;14t;0
        reduce;norm(Inf);f64;14t;0
        reduce;norm(-Inf);f64;14t;0
        reduce;logsumexp;f64;14t;3.6375861597263857
        reduce;softmax;f64;14t;0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421
        reduce;log_softmax;f64;14t;-3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857
        row;f64;15;-0 0
        reduce;sum;f64;15;0
        reduce;mean;f64;15;0
        reduce;prod;f64;15;-0
        reduce;amax;f64;15;-0
        reduce;amin;f64;15;-0
        reduce;max.values;f64;15;-0
        reduce;max.indices;f64;15;0
        reduce;min.values;f64;15;-0
        reduce;min.indices;f64;15;0
        reduce;argmax;f64;15;0
        reduce;argmin;f64;15;0
        reduce;var;f64;15;0
        reduce;var(0);f64;15;0
        reduce;std;f64;15;0
        reduce;norm(0);f64;15;0
        reduce;norm(1.0);f64;15;0
        reduce;norm(2.0);f64;15;0
        reduce;norm(3.0);f64;15;0
        reduce;norm(Inf);f64;15;0
        reduce;norm(-Inf);f64;15;0
        reduce;logsumexp;f64;15;0.6931471805599453
        reduce;softmax;f64;15;0.5 0.5
        reduce;log_softmax;f64;15;-0.6931471805599453 -0.6931471805599453
        row;f64;15t;-0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0 -0 0
        reduce;sum;f64;15t;0
        reduce;mean;f64;15t;0
        reduce;prod;f64;15t;-0
        reduce;amax;f64;15t;-0
        reduce;amin;f64;15t;-0
        reduce;max.values;f64;15t;-0
        reduce;max.indices;f64;15t;0
        reduce;min.values;f64;15t;-0
        reduce;min.indices;f64;15t;0
        reduce;argmax;f64;15t;0
        reduce;argmin;f64;15t;0
        reduce;var;f64;15t;0
        reduce;var(0);f64;15t;0
        reduce;std;f64;15t;0
        reduce;norm(0);f64;15t;0
        reduce;norm(1.0);f64;15t;0
        reduce;norm(2.0);f64;15t;0
        reduce;norm(3.0);f64;15t;0
        reduce;norm(Inf);f64;15t;0
        reduce;norm(-Inf);f64;15t;0
        reduce;logsumexp;f64;15t;3.6375861597263857
        reduce;softmax;f64;15t;0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421
        reduce;log_softmax;f64;15t;-3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857
        row;f64;16;-0
        reduce;sum;f64;16;0
        reduce;mean;f64;16;0
        reduce;prod;f64;16;-0
        reduce;amax;f64;16;-0
        reduce;amin;f64;16;-0
        reduce;max.values;f64;16;-0
        reduce;max.indices;f64;16;0
        reduce;min.values;f64;16;-0
        reduce;min.indices;f64;16;0
        reduce;argmax;f64;16;0
        reduce;argmin;f64;16;0
        reduce;var;f64;16;NaN
        reduce;var(0);f64;16;0
        reduce;std;f64;16;NaN
        reduce;norm(0);f64;16;0
        reduce;norm(1.0);f64;16;0
        reduce;norm(2.0);f64;16;0
        reduce;norm(3.0);f64;16;0
        reduce;norm(Inf);f64;16;0
        reduce;norm(-Inf);f64;16;0
        reduce;logsumexp;f64;16;0
        reduce;softmax;f64;16;1.0
        reduce;log_softmax;f64;16;0
        row;f64;16t;-0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0
        reduce;sum;f64;16t;0
        reduce;mean;f64;16t;0
        reduce;prod;f64;16t;-0
        reduce;amax;f64;16t;-0
        reduce;amin;f64;16t;-0
        reduce;max.values;f64;16t;-0
        reduce;max.indices;f64;16t;0
        reduce;min.values;f64;16t;-0
        reduce;min.indices;f64;16t;0
        reduce;argmax;f64;16t;0
        reduce;argmin;f64;16t;0
        reduce;var;f64;16t;0
        reduce;var(0);f64;16t;0
        reduce;std;f64;16t;0
        reduce;norm(0);f64;16t;0
        reduce;norm(1.0);f64;16t;0
        reduce;norm(2.0);f64;16t;0
        reduce;norm(3.0);f64;16t;0
        reduce;norm(Inf);f64;16t;0
        reduce;norm(-Inf);f64;16t;0
        reduce;logsumexp;f64;16t;3.6109179126442243
        reduce;softmax;f64;16t;0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703
        reduce;log_softmax;f64;16t;-3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243
        row;f64;17;0
        reduce;sum;f64;17;0
        reduce;mean;f64;17;0
        reduce;prod;f64;17;0
        reduce;amax;f64;17;0
        reduce;amin;f64;17;0
        reduce;max.values;f64;17;0
        reduce;max.indices;f64;17;0
        reduce;min.values;f64;17;0
        reduce;min.indices;f64;17;0
        reduce;argmax;f64;17;0
        reduce;argmin;f64;17;0
        reduce;var;f64;17;NaN
        reduce;var(0);f64;17;0
        reduce;std;f64;17;NaN
        reduce;norm(0);f64;17;0
        reduce;norm(1.0);f64;17;0
        reduce;norm(2.0);f64;17;0
        reduce;norm(3.0);f64;17;0
        reduce;norm(Inf);f64;17;0
        reduce;norm(-Inf);f64;17;0
        reduce;logsumexp;f64;17;0
        reduce;softmax;f64;17;1.0
        reduce;log_softmax;f64;17;0
        row;f64;17t;0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
        reduce;sum;f64;17t;0
        reduce;mean;f64;17t;0
        reduce;prod;f64;17t;0
        reduce;amax;f64;17t;0
        reduce;amin;f64;17t;0
        reduce;max.values;f64;17t;0
        reduce;max.indices;f64;17t;0
        reduce;min.values;f64;17t;0
        reduce;min.indices;f64;17t;0
        reduce;argmax;f64;17t;0
        reduce;argmin;f64;17t;0
        reduce;var;f64;17t;0
        reduce;var(0);f64;17t;0
        reduce;std;f64;17t;0
        reduce;norm(0);f64;17t;0
        reduce;norm(1.0);f64;17t;0
        reduce;norm(2.0);f64;17t;0
        reduce;norm(3.0);f64;17t;0
        reduce;norm(Inf);f64;17t;0
        reduce;norm(-Inf);f64;17t;0
        reduce;logsumexp;f64;17t;3.6109179126442243
        reduce;softmax;f64;17t;0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703
        reduce;log_softmax;f64;17t;-3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243
        row;f64;18;1.7e+308 1.7e+308
        reduce;sum;f64;18;Inf
        reduce;mean;f64;18;Inf
        reduce;prod;f64;18;Inf
        reduce;amax;f64;18;1.7e+308
        reduce;amin;f64;18;1.7e+308
        reduce;max.values;f64;18;1.7e+308
        reduce;max.indices;f64;18;0
        reduce;min.values;f64;18;1.7e+308
        reduce;min.indices;f64;18;0
        reduce;argmax;f64;18;0
        reduce;argmin;f64;18;0
        reduce;var;f64;18;Inf
        reduce;var(0);f64;18;Inf
        reduce;std;f64;18;Inf
        reduce;norm(0);f64;18;2.0
        reduce;norm(1.0);f64;18;Inf
        reduce;norm(2.0);f64;18;Inf
        reduce;norm(3.0);f64;18;Inf
        reduce;norm(Inf);f64;18;1.7e+308
        reduce;norm(-Inf);f64;18;1.7e+308
        reduce;logsumexp;f64;18;1.7e+308
        reduce;softmax;f64;18;0.5 0.5
        reduce;log_softmax;f64;18;-0.6931471805599453 -0.6931471805599453
        row;f64;18t;1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308 1.7e+308
        reduce;sum;f64;18t;Inf
        reduce;mean;f64;18t;Inf
        reduce;prod;f64;18t;Inf
        reduce;amax;f64;18t;1.7e+308
        reduce;amin;f64;18t;1.7e+308
        reduce;max.values;f64;18t;1.7e+308
        reduce;max.indices;f64;18t;0
        reduce;min.values;f64;18t;1.7e+308
        reduce;min.indices;f64;18t;0
        reduce;argmax;f64;18t;0
        reduce;argmin;f64;18t;0
        reduce;var;f64;18t;Inf
        reduce;var(0);f64;18t;Inf
        reduce;std;f64;18t;Inf
        reduce;norm(0);f64;18t;38.0
        reduce;norm(1.0);f64;18t;Inf
        reduce;norm(2.0);f64;18t;Inf
        reduce;norm(3.0);f64;18t;Inf
        reduce;norm(Inf);f64;18t;1.7e+308
        reduce;norm(-Inf);f64;18t;1.7e+308
        reduce;logsumexp;f64;18t;1.7e+308
        reduce;softmax;f64;18t;0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421
        reduce;log_softmax;f64;18t;-3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857
        row;f64;19;-1.7e+308 1.7e+308
        reduce;sum;f64;19;0
        reduce;mean;f64;19;0
        reduce;prod;f64;19;-Inf
        reduce;amax;f64;19;1.7e+308
        reduce;amin;f64;19;-1.7e+308
        reduce;max.values;f64;19;1.7e+308
        reduce;max.indices;f64;19;1
        reduce;min.values;f64;19;-1.7e+308
        reduce;min.indices;f64;19;0
        reduce;argmax;f64;19;1
        reduce;argmin;f64;19;0
        reduce;var;f64;19;Inf
        reduce;var(0);f64;19;Inf
        reduce;std;f64;19;Inf
        reduce;norm(0);f64;19;2.0
        reduce;norm(1.0);f64;19;Inf
        reduce;norm(2.0);f64;19;Inf
        reduce;norm(3.0);f64;19;Inf
        reduce;norm(Inf);f64;19;1.7e+308
        reduce;norm(-Inf);f64;19;1.7e+308
        reduce;logsumexp;f64;19;1.7e+308
        reduce;softmax;f64;19;0 1.0
        reduce;log_softmax;f64;19;-Inf 0
        row;f64;19t;-1.7e+308 1.7e+308 -1.7e+308 1.7e+308 -1.7e+308 1.7e+308 -1.7e+308 1.7e+308 -1.7e+308 1.7e+308 -1.7e+308 1.7e+308 -1.7e+308 1.7e+308 -1.7e+308 1.7e+308 -1.7e+308 1.7e+308 -1.7e+308 1.7e+308 -1.7e+308 1.7e+308 -1.7e+308 1.7e+308 -1.7e+308 1.7e+308 -1.7e+308 1.7e+308 -1.7e+308 1.7e+308 -1.7e+308 1.7e+308 -1.7e+308 1.7e+308 -1.7e+308 1.7e+308 -1.7e+308 1.7e+308
        reduce;sum;f64;19t;NaN
        reduce;mean;f64;19t;NaN
        reduce;prod;f64;19t;-Inf
        reduce;amax;f64;19t;1.7e+308
        reduce;amin;f64;19t;-1.7e+308
        reduce;max.values;f64;19t;1.7e+308
        reduce;max.indices;f64;19t;1
        reduce;min.values;f64;19t;-1.7e+308
        reduce;min.indices;f64;19t;0
        reduce;argmax;f64;19t;1
        reduce;argmin;f64;19t;0
        reduce;var;f64;19t;NaN
        reduce;var(0);f64;19t;NaN
        reduce;std;f64;19t;NaN
        reduce;norm(0);f64;19t;38.0
        reduce;norm(1.0);f64;19t;Inf
        reduce;norm(2.0);f64;19t;Inf
        reduce;norm(3.0);f64;19t;Inf
        reduce;norm(Inf);f64;19t;1.7e+308
        reduce;norm(-Inf);f64;19t;1.7e+308
        reduce;logsumexp;f64;19t;1.7e+308
        reduce;softmax;f64;19t;0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842 0 0.05263157894736842
        reduce;log_softmax;f64;19t;-Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403 -Inf -2.9444389791664403
        row;f64;20;5e-324 5e-324
        reduce;sum;f64;20;1e-323
        reduce;mean;f64;20;5e-324
        reduce;prod;f64;20;0
        reduce;amax;f64;20;5e-324
        reduce;amin;f64;20;5e-324
        reduce;max.values;f64;20;5e-324
        reduce;max.indices;f64;20;0
        reduce;min.values;f64;20;5e-324
        reduce;min.indices;f64;20;0
        reduce;argmax;f64;20;0
        reduce;argmin;f64;20;0
        reduce;var;f64;20;0
        reduce;var(0);f64;20;0
        reduce;std;f64;20;0
        reduce;norm(0);f64;20;2.0
        reduce;norm(1.0);f64;20;1e-323
        reduce;norm(2.0);f64;20;0
        reduce;norm(3.0);f64;20;0
        reduce;norm(Inf);f64;20;5e-324
        reduce;norm(-Inf);f64;20;5e-324
        reduce;logsumexp;f64;20;0.6931471805599453
        reduce;softmax;f64;20;0.5 0.5
        reduce;log_softmax;f64;20;-0.6931471805599453 -0.6931471805599453
        row;f64;20t;5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324 5e-324
        reduce;sum;f64;20t;1.9e-322
        reduce;mean;f64;20t;5e-324
        reduce;prod;f64;20t;0
        reduce;amax;f64;20t;5e-324
        reduce;amin;f64;20t;5e-324
        reduce;max.values;f64;20t;5e-324
        reduce;max.indices;f64;20t;0
        reduce;min.values;f64;20t;5e-324
        reduce;min.indices;f64;20t;0
        reduce;argmax;f64;20t;0
        reduce;argmin;f64;20t;0
        reduce;var;f64;20t;0
        reduce;var(0);f64;20t;0
        reduce;std;f64;20t;0
        reduce;norm(0);f64;20t;38.0
        reduce;norm(1.0);f64;20t;1.9e-322
        reduce;norm(2.0);f64;20t;0
        reduce;norm(3.0);f64;20t;0
        reduce;norm(Inf);f64;20t;5e-324
        reduce;norm(-Inf);f64;20t;5e-324
        reduce;logsumexp;f64;20t;3.6375861597263857
        reduce;softmax;f64;20t;0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421 0.02631578947368421
        reduce;log_softmax;f64;20t;-3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857 -3.6375861597263857
        row;f64;21;1.0 2.0 2.0 1.0
        reduce;sum;f64;21;6.0
        reduce;mean;f64;21;1.5
        reduce;prod;f64;21;4.0
        reduce;amax;f64;21;2.0
        reduce;amin;f64;21;1.0
        reduce;max.values;f64;21;2.0
        reduce;max.indices;f64;21;1
        reduce;min.values;f64;21;1.0
        reduce;min.indices;f64;21;0
        reduce;argmax;f64;21;1
        reduce;argmin;f64;21;0
        reduce;var;f64;21;0.3333333333333333
        reduce;var(0);f64;21;0.25
        reduce;std;f64;21;0.5773502691896257
        reduce;norm(0);f64;21;4.0
        reduce;norm(1.0);f64;21;6.0
        reduce;norm(2.0);f64;21;3.1622776601683795
        reduce;norm(3.0);f64;21;2.6207413942088964
        reduce;norm(Inf);f64;21;2.0
        reduce;norm(-Inf);f64;21;1.0
        reduce;logsumexp;f64;21;3.006408868078168
        reduce;softmax;f64;21;0.13447071068499758 0.36552928931500245 0.36552928931500245 0.13447071068499758
        reduce;log_softmax;f64;21;-2.006408868078168 -1.0064088680781682 -1.0064088680781682 -2.006408868078168
        row;f64;21t;1.0 2.0 2.0 1.0 1.0 2.0 2.0 1.0 1.0 2.0 2.0 1.0 1.0 2.0 2.0 1.0 1.0 2.0 2.0 1.0 1.0 2.0 2.0 1.0 1.0 2.0 2.0 1.0 1.0 2.0 2.0 1.0 1.0 2.0 2.0 1.0 1.0 2.0 2.0 1.0
        reduce;sum;f64;21t;60.0
        reduce;mean;f64;21t;1.5
        reduce;prod;f64;21t;1048576.0
        reduce;amax;f64;21t;2.0
        reduce;amin;f64;21t;1.0
        reduce;max.values;f64;21t;2.0
        reduce;max.indices;f64;21t;1
        reduce;min.values;f64;21t;1.0
        reduce;min.indices;f64;21t;0
        reduce;argmax;f64;21t;1
        reduce;argmin;f64;21t;0
        reduce;var;f64;21t;0.2564102564102564
        reduce;var(0);f64;21t;0.25
        reduce;std;f64;21t;0.5063696835418333
        reduce;norm(0);f64;21t;40.0
        reduce;norm(1.0);f64;21t;60.0
        reduce;norm(2.0);f64;21t;10.0
        reduce;norm(3.0);f64;21t;5.64621617328617
        reduce;norm(Inf);f64;21t;2.0
        reduce;norm(-Inf);f64;21t;1.0
        reduce;logsumexp;f64;21t;5.308993961072214
        reduce;softmax;f64;21t;0.013447071068499756 0.03655292893150024 0.03655292893150024 0.013447071068499756 0.013447071068499756 0.03655292893150024 0.03655292893150024 0.013447071068499756 0.013447071068499756 0.03655292893150024 0.03655292893150024 0.013447071068499756 0.013447071068499756 0.03655292893150024 0.03655292893150024 0.013447071068499756 0.013447071068499756 0.03655292893150024 0.03655292893150024 0.013447071068499756 0.013447071068499756 0.03655292893150024 0.03655292893150024 0.013447071068499756 0.013447071068499756 0.03655292893150024 0.03655292893150024 0.013447071068499756 0.013447071068499756 0.03655292893150024 0.03655292893150024 0.013447071068499756 0.013447071068499756 0.03655292893150024 0.03655292893150024 0.013447071068499756 0.013447071068499756 0.03655292893150024 0.03655292893150024 0.013447071068499756
        reduce;log_softmax;f64;21t;-4.308993961072214 -3.308993961072214 -3.308993961072214 -4.308993961072214 -4.308993961072214 -3.308993961072214 -3.308993961072214 -4.308993961072214 -4.308993961072214 -3.308993961072214 -3.308993961072214 -4.308993961072214 -4.308993961072214 -3.308993961072214 -3.308993961072214 -4.308993961072214 -4.308993961072214 -3.308993961072214 -3.308993961072214 -4.308993961072214 -4.308993961072214 -3.308993961072214 -3.308993961072214 -4.308993961072214 -4.308993961072214 -3.308993961072214 -3.308993961072214 -4.308993961072214 -4.308993961072214 -3.308993961072214 -3.308993961072214 -4.308993961072214 -4.308993961072214 -3.308993961072214 -3.308993961072214 -4.308993961072214 -4.308993961072214 -3.308993961072214 -3.308993961072214 -4.308993961072214
        row;f64;22;2.0 NaN 2.0 NaN
        reduce;sum;f64;22;NaN
        reduce;mean;f64;22;NaN
        reduce;prod;f64;22;NaN
        reduce;amax;f64;22;NaN
        reduce;amin;f64;22;NaN
        reduce;max.values;f64;22;NaN
        reduce;max.indices;f64;22;1
        reduce;min.values;f64;22;NaN
        reduce;min.indices;f64;22;1
        reduce;argmax;f64;22;1
        reduce;argmin;f64;22;1
        reduce;var;f64;22;NaN
        reduce;var(0);f64;22;NaN
        reduce;std;f64;22;NaN
        reduce;norm(0);f64;22;4.0
        reduce;norm(1.0);f64;22;NaN
        reduce;norm(2.0);f64;22;NaN
        reduce;norm(3.0);f64;22;NaN
        reduce;norm(Inf);f64;22;NaN
        reduce;norm(-Inf);f64;22;NaN
        reduce;logsumexp;f64;22;NaN
        reduce;softmax;f64;22;NaN NaN NaN NaN
        reduce;log_softmax;f64;22;NaN NaN NaN NaN
        row;f64;22t;2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN 2.0 NaN
        reduce;sum;f64;22t;NaN
        reduce;mean;f64;22t;NaN
        reduce;prod;f64;22t;NaN
        reduce;amax;f64;22t;NaN
        reduce;amin;f64;22t;NaN
        reduce;max.values;f64;22t;NaN
        reduce;max.indices;f64;22t;1
        reduce;min.values;f64;22t;NaN
        reduce;min.indices;f64;22t;1
        reduce;argmax;f64;22t;1
        reduce;argmin;f64;22t;1
        reduce;var;f64;22t;NaN
        reduce;var(0);f64;22t;NaN
        reduce;std;f64;22t;NaN
        reduce;norm(0);f64;22t;40.0
        reduce;norm(1.0);f64;22t;NaN
        reduce;norm(2.0);f64;22t;NaN
        reduce;norm(3.0);f64;22t;NaN
        reduce;norm(Inf);f64;22t;NaN
        reduce;norm(-Inf);f64;22t;NaN
        reduce;logsumexp;f64;22t;NaN
        reduce;softmax;f64;22t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        reduce;log_softmax;f64;22t;NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
        row;f64;23;0 0 0
        reduce;sum;f64;23;0
        reduce;mean;f64;23;0
        reduce;prod;f64;23;0
        reduce;amax;f64;23;0
        reduce;amin;f64;23;0
        reduce;max.values;f64;23;0
        reduce;max.indices;f64;23;0
        reduce;min.values;f64;23;0
        reduce;min.indices;f64;23;0
        reduce;argmax;f64;23;0
        reduce;argmin;f64;23;0
        reduce;var;f64;23;0
        reduce;var(0);f64;23;0
        reduce;std;f64;23;0
        reduce;norm(0);f64;23;0
        reduce;norm(1.0);f64;23;0
        reduce;norm(2.0);f64;23;0
        reduce;norm(3.0);f64;23;0
        reduce;norm(Inf);f64;23;0
        reduce;norm(-Inf);f64;23;0
        reduce;logsumexp;f64;23;1.0986122886681098
        reduce;softmax;f64;23;0.3333333333333333 0.3333333333333333 0.3333333333333333
        reduce;log_softmax;f64;23;-1.0986122886681098 -1.0986122886681098 -1.0986122886681098
        row;f64;23t;0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
        reduce;sum;f64;23t;0
        reduce;mean;f64;23t;0
        reduce;prod;f64;23t;0
        reduce;amax;f64;23t;0
        reduce;amin;f64;23t;0
        reduce;max.values;f64;23t;0
        reduce;max.indices;f64;23t;0
        reduce;min.values;f64;23t;0
        reduce;min.indices;f64;23t;0
        reduce;argmax;f64;23t;0
        reduce;argmin;f64;23t;0
        reduce;var;f64;23t;0
        reduce;var(0);f64;23t;0
        reduce;std;f64;23t;0
        reduce;norm(0);f64;23t;0
        reduce;norm(1.0);f64;23t;0
        reduce;norm(2.0);f64;23t;0
        reduce;norm(3.0);f64;23t;0
        reduce;norm(Inf);f64;23t;0
        reduce;norm(-Inf);f64;23t;0
        reduce;logsumexp;f64;23t;3.6635616461296463
        reduce;softmax;f64;23t;0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564 0.02564102564102564
        reduce;log_softmax;f64;23t;-3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463 -3.6635616461296463
        row;f64;24;-1.0 0 -0
        reduce;sum;f64;24;-1.0
        reduce;mean;f64;24;-0.3333333333333333
        reduce;prod;f64;24;0
        reduce;amax;f64;24;0
        reduce;amin;f64;24;-1.0
        reduce;max.values;f64;24;0
        reduce;max.indices;f64;24;1
        reduce;min.values;f64;24;-1.0
        reduce;min.indices;f64;24;0
        reduce;argmax;f64;24;1
        reduce;argmin;f64;24;0
        reduce;var;f64;24;0.33333333333333337
        reduce;var(0);f64;24;0.22222222222222224
        reduce;std;f64;24;0.5773502691896258
        reduce;norm(0);f64;24;1.0
        reduce;norm(1.0);f64;24;1.0
        reduce;norm(2.0);f64;24;1.0
        reduce;norm(3.0);f64;24;1.0
        reduce;norm(Inf);f64;24;1.0
        reduce;norm(-Inf);f64;24;0
        reduce;logsumexp;f64;24;0.8619948040582511
        reduce;softmax;f64;24;0.15536240349696362 0.4223187982515182 0.4223187982515182
        reduce;log_softmax;f64;24;-1.8619948040582512 -0.8619948040582511 -0.8619948040582511
        row;f64;24t;-1.0 0 -0 -1.0 0 -0 -1.0 0 -0 -1.0 0 -0 -1.0 0 -0 -1.0 0 -0 -1.0 0 -0 -1.0 0 -0 -1.0 0 -0 -1.0 0 -0 -1.0 0 -0 -1.0 0 -0 -1.0 0 -0
        reduce;sum;f64;24t;-13.0
        reduce;mean;f64;24t;-0.3333333333333333
        reduce;prod;f64;24t;0
        reduce;amax;f64;24t;0
        reduce;amin;f64;24t;-1.0
        reduce;max.values;f64;24t;0
        reduce;max.indices;f64;24t;1
        reduce;min.values;f64;24t;-1.0
        reduce;min.indices;f64;24t;0
        reduce;argmax;f64;24t;1
        reduce;argmin;f64;24t;0
        reduce;var;f64;24t;0.2280701754385964
        reduce;var(0);f64;24t;0.22222222222222213
        reduce;std;f64;24t;0.4775669329409192
        reduce;norm(0);f64;24t;13.0
        reduce;norm(1.0);f64;24t;13.0
        reduce;norm(2.0);f64;24t;3.605551275463989
        reduce;norm(3.0);f64;24t;2.3513346877207573
        reduce;norm(Inf);f64;24t;1.0
        reduce;norm(-Inf);f64;24t;0
        reduce;logsumexp;f64;24t;3.426944161519788
        reduce;softmax;f64;24t;0.011950954115151046 0.032486061403962936 0.032486061403962936 0.011950954115151046 0.032486061403962936 0.032486061403962936 0.011950954115151046 0.032486061403962936 0.032486061403962936 0.011950954115151046 0.032486061403962936 0.032486061403962936 0.011950954115151046 0.032486061403962936 0.032486061403962936 0.011950954115151046 0.032486061403962936 0.032486061403962936 0.011950954115151046 0.032486061403962936 0.032486061403962936 0.011950954115151046 0.032486061403962936 0.032486061403962936 0.011950954115151046 0.032486061403962936 0.032486061403962936 0.011950954115151046 0.032486061403962936 0.032486061403962936 0.011950954115151046 0.032486061403962936 0.032486061403962936 0.011950954115151046 0.032486061403962936 0.032486061403962936 0.011950954115151046 0.032486061403962936 0.032486061403962936
        reduce;log_softmax;f64;24t;-4.426944161519788 -3.426944161519788 -3.426944161519788 -4.426944161519788 -3.426944161519788 -3.426944161519788 -4.426944161519788 -3.426944161519788 -3.426944161519788 -4.426944161519788 -3.426944161519788 -3.426944161519788 -4.426944161519788 -3.426944161519788 -3.426944161519788 -4.426944161519788 -3.426944161519788 -3.426944161519788 -4.426944161519788 -3.426944161519788 -3.426944161519788 -4.426944161519788 -3.426944161519788 -3.426944161519788 -4.426944161519788 -3.426944161519788 -3.426944161519788 -4.426944161519788 -3.426944161519788 -3.426944161519788 -4.426944161519788 -3.426944161519788 -3.426944161519788 -4.426944161519788 -3.426944161519788 -3.426944161519788 -4.426944161519788 -3.426944161519788 -3.426944161519788
        row;f64;25;2.5
        reduce;sum;f64;25;2.5
        reduce;mean;f64;25;2.5
        reduce;prod;f64;25;2.5
        reduce;amax;f64;25;2.5
        reduce;amin;f64;25;2.5
        reduce;max.values;f64;25;2.5
        reduce;max.indices;f64;25;0
        reduce;min.values;f64;25;2.5
        reduce;min.indices;f64;25;0
        reduce;argmax;f64;25;0
        reduce;argmin;f64;25;0
        reduce;var;f64;25;NaN
        reduce;var(0);f64;25;0
        reduce;std;f64;25;NaN
        reduce;norm(0);f64;25;1.0
        reduce;norm(1.0);f64;25;2.5
        reduce;norm(2.0);f64;25;2.5
        reduce;norm(3.0);f64;25;2.5
        reduce;norm(Inf);f64;25;2.5
        reduce;norm(-Inf);f64;25;2.5
        reduce;logsumexp;f64;25;2.5
        reduce;softmax;f64;25;1.0
        reduce;log_softmax;f64;25;0
        row;f64;25t;2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5
        reduce;sum;f64;25t;92.5
        reduce;mean;f64;25t;2.5
        reduce;prod;f64;25t;529395592033937.6
        reduce;amax;f64;25t;2.5
        reduce;amin;f64;25t;2.5
        reduce;max.values;f64;25t;2.5
        reduce;max.indices;f64;25t;0
        reduce;min.values;f64;25t;2.5
        reduce;min.indices;f64;25t;0
        reduce;argmax;f64;25t;0
        reduce;argmin;f64;25t;0
        reduce;var;f64;25t;0
        reduce;var(0);f64;25t;0
        reduce;std;f64;25t;0
        reduce;norm(0);f64;25t;37.0
        reduce;norm(1.0);f64;25t;92.5
        reduce;norm(2.0);f64;25t;15.20690632574555
        reduce;norm(3.0);f64;25t;8.330554629114882
        reduce;norm(Inf);f64;25t;2.5
        reduce;norm(-Inf);f64;25t;2.5
        reduce;logsumexp;f64;25t;6.110917912644224
        reduce;softmax;f64;25t;0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703 0.02702702702702703
        reduce;log_softmax;f64;25t;-3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243 -3.6109179126442243
        """;
}
