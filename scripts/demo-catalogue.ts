/** The demo store's shelves: [name, unit, price in fen] per category; one category per aisle. */
export type CatalogueItem = readonly [name: string, unit: string, priceFen: number];

export const CATEGORIES: ReadonlyArray<{ aisle: string; company: number; items: readonly CatalogueItem[] }> = [
  { aisle: 'A1', company: 10211, items: [
    ['农夫山泉 天然水 550ml', 'bottle', 200], ['怡宝 纯净水 555ml', 'bottle', 200], ['Evian Mineral Water 500ml', 'bottle', 800],
    ['可口可乐 330ml 罐装', 'can', 350], ['Coca-Cola Zero 330ml', 'can', 350], ['百事可乐 500ml', 'bottle', 350],
    ['雪碧 500ml', 'bottle', 350], ['元气森林 白桃苏打气泡水 480ml', 'bottle', 550], ['Red Bull 250ml', 'can', 650],
    ['东方树叶 茉莉花茶 500ml', 'bottle', 500], ['康师傅 冰红茶 500ml', 'bottle', 300], ['Perrier Sparkling 330ml', 'can', 900],
    ['王老吉 凉茶 310ml', 'can', 450], ['维他奶 原味豆奶 250ml', 'pack', 400], ['Tropicana Orange Juice 1L', 'carton', 1890],
  ] },
  { aisle: 'A2', company: 10342, items: [
    ['伊利 纯牛奶 250ml×12', 'case', 4990], ['蒙牛 特仑苏 250ml×12', 'case', 6590], ['光明 鲜牛奶 950ml', 'bottle', 1590],
    ['Anchor Full Cream Milk 1L', 'carton', 1890], ['安慕希 希腊酸奶 205g', 'pack', 690], ['Danone Activia Yogurt 4×100g', 'pack', 1590],
    ['君乐宝 简醇酸奶 150g', 'cup', 590], ['Président Butter 200g', 'pack', 2890], ['Kraft Cheese Slices 250g', 'pack', 2490],
    ['Oatly Oat Drink Barista 1L', 'carton', 2990], ['养乐多 活菌型乳酸菌 100ml×5', 'pack', 1250], ['Mengniu Chocolate Milk 250ml', 'pack', 450],
  ] },
  { aisle: 'A3', company: 10457, items: [
    ['金龙鱼 东北大米 5kg', 'bag', 4990], ['五常 稻花香大米 2.5kg', 'bag', 5990], ['Thai Hom Mali Jasmine Rice 5kg', 'bag', 6990],
    ['金龙鱼 花生调和油 1.8L', 'bottle', 3990], ['鲁花 5S压榨花生油 900ml', 'bottle', 3290], ['Bertolli Extra Virgin Olive Oil 500ml', 'bottle', 7990],
    ['香满园 高筋面粉 1kg', 'bag', 990], ['陈克明 挂面 1kg', 'pack', 1190], ['Barilla Spaghetti No.5 500g', 'pack', 1590],
    ['Quaker Oats 1kg', 'bag', 3290], ['十月稻田 小米 1kg', 'bag', 1590], ['Uncle Ben\'s Basmati Rice 1kg', 'bag', 2490],
  ] },
  { aisle: 'A4', company: 10589, items: [
    ['海天 生抽 1.9L', 'bottle', 2290], ['李锦记 蚝油 510g', 'bottle', 1590], ['恒顺 香醋 500ml', 'bottle', 890],
    ['老干妈 风味豆豉油辣椒 280g', 'jar', 1150], ['太太乐 鸡精 200g', 'bag', 890], ['Heinz Tomato Ketchup 397g', 'bottle', 1590],
    ['Hellmann\'s Mayonnaise 400g', 'jar', 2490], ['Lee Kum Kee Chili Garlic Sauce 368g', 'jar', 1890], ['中盐 精制碘盐 400g', 'bag', 250],
    ['太古 优级白砂糖 454g', 'pack', 790], ['王守义 十三香 45g', 'box', 590], ['Maggi Seasoning 200ml', 'bottle', 1690],
    ['郫县豆瓣酱 500g', 'bag', 990], ['McCormick Black Pepper 35g', 'jar', 2290],
  ] },
  { aisle: 'A5', company: 10634, items: [
    ['康师傅 红烧牛肉面 5连包', 'pack', 1450], ['统一 老坛酸菜牛肉面 5连包', 'pack', 1450], ['Nissin Cup Noodles Seafood 75g', 'cup', 690],
    ['白象 汤好喝 老母鸡汤面 5连包', 'pack', 1690], ['Nongshim Shin Ramyun 120g×5', 'pack', 2690], ['今麦郎 一菜一面 5连包', 'pack', 1590],
    ['Indomie Mi Goreng 80g×5', 'pack', 1290], ['自嗨锅 麻辣牛肉自热火锅 400g', 'box', 3590], ['梅林 午餐肉罐头 340g', 'can', 1990],
    ['SPAM Classic 340g', 'can', 2890], ['Campbell\'s Tomato Soup 305g', 'can', 1590], ['鹰金钱 豆豉鲮鱼 227g', 'can', 1690],
  ] },
  { aisle: 'A6', company: 10778, items: [
    ['乐事 原味薯片 135g', 'bag', 990], ['Pringles Sour Cream & Onion 110g', 'can', 1490], ['奥利奥 原味夹心饼干 388g', 'pack', 1690],
    ['旺旺 雪饼 520g', 'bag', 2290], ['三只松鼠 每日坚果 750g', 'box', 12900], ['良品铺子 猪肉脯 100g', 'bag', 2590],
    ['Doritos Nacho Cheese 184g', 'bag', 1990], ['卫龙 大面筋 102g', 'bag', 590], ['KitKat 4 Finger ×8', 'pack', 2490],
    ['Snickers 51g×6', 'pack', 2290], ['德芙 丝滑牛奶巧克力 252g', 'bowl', 4590], ['Ferrero Rocher T16', 'box', 6990],
    ['徐福记 酥心糖 500g', 'bag', 2990], ['Haribo Goldbears 200g', 'bag', 1890], ['洽洽 香瓜子 308g', 'bag', 1290],
  ] },
  { aisle: 'A7', company: 10815, items: [
    ['思念 猪肉白菜水饺 1kg', 'bag', 2590], ['湾仔码头 荠菜猪肉水饺 720g', 'bag', 3590], ['三全 黑芝麻汤圆 500g', 'bag', 1590],
    ['安井 鱼丸 500g', 'bag', 1990], ['Häagen-Dazs Vanilla 392g', 'tub', 8900], ['Magnum Classic 4-pack', 'box', 3990],
    ['钟薛高 经典丝绒可可 78g', 'each', 1800], ['正大 鸡胸肉 1kg', 'bag', 3490], ['McCain French Fries 1kg', 'bag', 2690],
    ['湾仔码头 鲜虾云吞 300g', 'bag', 3290], ['Birds Eye Garden Peas 500g', 'bag', 1490], ['广州酒家 流沙包 360g', 'bag', 2890],
  ] },
  { aisle: 'A8', company: 10926, items: [
    ['Fresh Bananas (Philippines) 1kg', 'kg', 990], ['红富士苹果 1kg', 'kg', 1290], ['Sunkist Navel Oranges 1kg', 'kg', 1590],
    ['海南 贵妃芒 1kg', 'kg', 1990], ['阳光玫瑰 葡萄 500g', 'box', 3990], ['Driscoll\'s Blueberries 125g', 'box', 2990],
    ['有机 西兰花 500g', 'each', 890], ['Cherry Tomatoes 500g', 'box', 1290], ['山东 大葱 500g', 'bundle', 490],
    ['土豆 1kg', 'kg', 590], ['Hass Avocado ×2', 'pack', 1990], ['上海青 400g', 'bag', 590], ['新疆 哈密瓜 each', 'each', 2990],
  ] },
  { aisle: 'A9', company: 11047, items: [
    ['家乐福 冷鲜猪里脊 500g', 'tray', 2990], ['Australian Beef Steak 250g', 'tray', 6990], ['圣农 鸡翅中 500g', 'tray', 3490],
    ['Atlantic Salmon Fillet 200g', 'tray', 5990], ['鲜鸡蛋 30枚', 'tray', 2490], ['Free-Range Eggs ×10', 'box', 2290],
    ['双汇 王中王火腿肠 400g', 'bag', 1690], ['金锣 烤肠 500g', 'bag', 2290], ['Hormel Bacon 200g', 'pack', 3290],
    ['正大 冷鲜鸡腿 1kg', 'tray', 2990], ['北海道 扇贝柱 200g', 'tray', 8900],
  ] },
  { aisle: 'A10', company: 11158, items: [
    ['维达 超韧抽纸 3层100抽×6', 'pack', 2490], ['清风 卷纸 4层 ×10', 'pack', 3290], ['Kleenex Facial Tissue 3-ply ×3', 'pack', 2690],
    ['立白 洗洁精 1kg', 'bottle', 1290], ['蓝月亮 深层洁净洗衣液 3kg', 'bottle', 5990], ['Ariel Washing Powder 2kg', 'bag', 4590],
    ['威猛先生 厨房重油污净 500g', 'bottle', 2290], ['Glad Cling Wrap 30m', 'roll', 1990], ['妙洁 垃圾袋 中号 ×100', 'roll', 1590],
    ['Dettol Antibacterial Wipes ×40', 'pack', 2190], ['舒洁 湿厕纸 40片', 'pack', 1890], ['Finish Dishwasher Tablets ×30', 'box', 7990],
  ] },
  { aisle: 'A11', company: 11269, items: [
    ['高露洁 全效牙膏 140g', 'tube', 1890], ['Oral-B Pro Toothbrush ×2', 'pack', 2990], ['云南白药 牙膏 180g', 'tube', 3990],
    ['海飞丝 去屑洗发水 400ml', 'bottle', 4590], ['Head & Shoulders Conditioner 400ml', 'bottle', 4590], ['舒肤佳 香皂 115g×3', 'pack', 1690],
    ['Dove Body Wash 730ml', 'bottle', 4990], ['Nivea Men Face Wash 100g', 'tube', 3990], ['大宝 SOD蜜 200ml', 'bottle', 1590],
    ['Gillette Mach3 Blades ×4', 'pack', 8990], ['护舒宝 日用卫生巾 ×10', 'pack', 2290], ['Vaseline Lip Therapy 7g', 'tin', 2490],
  ] },
  { aisle: 'A12', company: 11371, items: [
    ['帮宝适 一级帮纸尿裤 M码 ×50', 'pack', 12900], ['Huggies Baby Wipes ×80', 'pack', 1990], ['飞鹤 星飞帆 婴幼儿奶粉 3段 700g', 'can', 26800],
    ['Aptamil Stage 2 800g', 'can', 29800], ['亨氏 婴儿米粉 225g', 'box', 3990], ['Gerber Banana Puffs 42g', 'tub', 2690],
    ['Pedigree Adult Dog Food 1.5kg', 'bag', 5990], ['Whiskas Tuna Cat Food 1.2kg', 'bag', 4990], ['伟嘉 妙鲜包 85g', 'pouch', 590],
    ['Duracell AA Batteries ×4', 'pack', 3490], ['南孚 7号电池 ×4', 'pack', 1990], ['Philips LED Bulb 9W', 'each', 1990],
  ] },
  { aisle: 'A13', company: 11482, items: [
    ['青岛啤酒 经典 500ml', 'can', 650], ['雪花 勇闯天涯 500ml', 'can', 550], ['Heineken Lager 330ml ×6', 'pack', 4590],
    ['Budweiser 500ml', 'can', 790], ['Corona Extra 330ml', 'bottle', 1290], ['张裕 解百纳干红 750ml', 'bottle', 8900],
    ['Jacob\'s Creek Shiraz Cabernet 750ml', 'bottle', 9900], ['江小白 表达瓶 100ml', 'bottle', 2290], ['牛栏山 二锅头 500ml', 'bottle', 1690],
    ['RIO 微醺 白桃 330ml', 'can', 790], ['Asahi Super Dry 500ml', 'can', 1190],
  ] },
  { aisle: 'A14', company: 11593, items: [
    ['桃李 醇熟切片面包 400g', 'bag', 1090], ['宾堡 全麦吐司 400g', 'bag', 1490], ['Croissant Butter ×4', 'pack', 2290],
    ['达利园 法式软面包 香奶味 400g', 'bag', 1590], ['好丽友 派 巧克力 12枚', 'box', 2490], ['McVitie\'s Digestive 400g', 'pack', 2290],
    ['稻香村 月饼 蛋黄莲蓉 ×2', 'box', 3690], ['Bagels Plain ×5', 'bag', 1990], ['曼可顿 汉堡面包 ×4', 'bag', 1290],
    ['Nutella Hazelnut Spread 350g', 'jar', 3990], ['Skippy Peanut Butter Creamy 340g', 'jar', 2990],
  ] },
  { aisle: 'A15', company: 11604, items: [
    ['雀巢 咖啡 1+2 原味 15g×30', 'box', 3990], ['Starbucks VIA Italian Roast ×8', 'box', 4990], ['三顿半 超即溶咖啡 ×6', 'box', 5990],
    ['立顿 黄牌精选红茶 ×100', 'box', 3990], ['Twinings English Breakfast ×50', 'box', 4590], ['西湖 龙井茶 100g', 'tin', 12800],
    ['Nescafé Gold Blend 200g', 'jar', 8990], ['香飘飘 原味奶茶 80g', 'cup', 450], ['Ovaltine Malted Drink 400g', 'jar', 4290],
    ['Milo Activ-Go 400g', 'pack', 3690], ['桂格 即食燕麦片 1kg', 'bag', 2690],
  ] },
  { aisle: 'A16', company: 11715, items: [
    ['白玉 嫩豆腐 400g', 'box', 350], ['祖名 豆浆 1L', 'bottle', 890], ['Tofu Firm Organic 350g', 'box', 990],
    ['周黑鸭 鸭脖 200g', 'box', 3290], ['绝味 卤鸭翅 150g', 'box', 2590], ['Hummus Classic 200g', 'tub', 2490],
    ['涪陵榨菜 80g×5', 'pack', 990], ['Kimchi Napa Cabbage 300g', 'jar', 1890], ['六必居 甜面酱 300g', 'bag', 690],
    ['Smoked Salmon Slices 100g', 'pack', 4590], ['皮蛋 ×6', 'box', 1290], ['咸鸭蛋 ×6', 'box', 1590],
  ] },
  { aisle: 'A17', company: 11826, items: [
    ['晨光 中性笔 0.5mm ×12', 'box', 2390], ['Post-it Notes 76×76 ×5', 'pack', 2990], ['得力 A4 复印纸 500张', 'ream', 2890],
    ['Scotch Magic Tape 19mm', 'roll', 1290], ['UHU Glue Stick 21g', 'each', 990], ['一次性 医用口罩 ×50', 'box', 1990],
    ['Band-Aid Assorted ×40', 'box', 2490], ['云南白药 创可贴 ×20', 'box', 1290], ['Energizer Torch LED', 'each', 5990],
    ['雨伞 三折 自动', 'each', 4990], ['Zip Lock Bags Medium ×40', 'box', 1590], ['Reusable Shopping Bag', 'each', 290],
    ['打火机 ×3', 'pack', 500], ['Paper Cups 250ml ×50', 'pack', 1490],
  ] },
];
